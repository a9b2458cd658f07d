// Whether a process is still there (signal 0 checks without touching it): the relay tests ask it of ffmpeg.
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
