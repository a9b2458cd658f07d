// The one IPC channel between main and the preload: main pushes the window's MessagePort to the station.
// Everything else the renderer says travels over that port, never over ipcRenderer.
export const PORT_CHANNEL = 'watchfloor:port';
