# Copied from ../shared/tools/rtsp-cameras.py (CI runs on a clean clone without ../shared); keep in step with it.
#!/usr/bin/python3
# Simulated IP cameras: GStreamer RTSP server (gst-rtsp-server 1.22, Debian 12).
# Each frame gets (a) a readable wall clock HH:MM:SS.mmm and (b) a 40-bit
# black/white barcode of the wall-clock ms (row y=32..64, 32px per bit) so the
# browser can compute glass-to-glass latency automatically.
# Needs Debian packages: gir1.2-gst-rtsp-server-1.0 python3-gi python3-gi-cairo gstreamer1.0-plugins-base
#   gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly gstreamer1.0-plugins-bad gstreamer1.0-tools
# Run it with Debian's /usr/bin/python3 (a pyenv python3 on PATH may lack the gi module).
# Usage: /usr/bin/python3 rtsp-cameras.py [port] [mode]
#   mode "shared" (default): ONE live encoder; every path rtsp://host:port/camN
#         (any N) attaches to the same media (saves CPU on a 2-core box).
#   mode "distinct": each path gets its own encoder (real separate cameras).
import sys, time, gi
gi.require_version('Gst', '1.0'); gi.require_version('GstRtspServer', '1.0')
from gi.repository import Gst, GstRtspServer, GLib
Gst.init(None)
PORT = sys.argv[1] if len(sys.argv) > 1 else '8554'
MODE = sys.argv[2] if len(sys.argv) > 2 else 'shared'
import os
W, H, FPS, GOP, KBPS = 1280, 720, 25, int(os.environ.get("GOP", 50)), 3000
LAUNCH = (f'( videotestsrc is-live=true pattern=smpte horizontal-speed=3 ! '
          f'video/x-raw,format=BGRx,width={W},height={H},framerate={FPS}/1 ! '
          f'cairooverlay name=ov ! videoconvert ! video/x-raw,format=I420 ! '
          f'x264enc tune=zerolatency speed-preset=ultrafast bitrate={KBPS} key-int-max={GOP} ! '
          f'video/x-h264,profile=main ! rtph264pay name=pay0 pt=96 config-interval=1 )')

def on_draw(_ov, cr, _ts, _dur, label):
    now = time.time(); ms = int(now * 1000)
    cr.set_source_rgb(0, 0, 0); cr.rectangle(0, 0, W, 200); cr.fill()
    cr.set_source_rgb(1, 1, 1)
    for i in range(40):                     # MSB first
        if (ms >> (39 - i)) & 1:
            cr.rectangle(i * 32, 32, 32, 32)
    cr.fill()
    cr.select_font_face('DejaVu Sans Mono'); cr.set_font_size(56)
    cr.move_to(20, 180); cr.set_source_rgb(1, 1, 0)
    cr.show_text(time.strftime('%H:%M:%S', time.localtime(now)) + '.%03d  %s' % (ms % 1000, label))

class Factory(GstRtspServer.RTSPMediaFactory):
    def do_gen_key(self, url):              # same key for every path => one shared pipeline
        return 'shared-cam' if MODE == 'shared' else url.abspath

def media_configure(_f, media):
    ov = media.get_element().get_by_name('ov')
    ov.connect('draw', on_draw, MODE)

server = GstRtspServer.RTSPServer(); server.set_service(PORT)
mounts = server.get_mount_points()
def make():
    f = Factory(); f.set_launch(LAUNCH); f.set_shared(True)
    f.connect('media-configure', media_configure); return f
shared = make()                             # media cache is per factory object => reuse it
for i in range(1, 33):
    mounts.add_factory(f'/cam{i}', shared if MODE == 'shared' else make())
server.attach(None)
print(f'RTSP server ready rtsp://127.0.0.1:{PORT}/cam1..cam32 mode={MODE}', flush=True)
GLib.MainLoop().run()
