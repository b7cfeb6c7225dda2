#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   with-monitors.py XORG XRANDR COMMAND…
#
# Runs COMMAND under an X server with two monitors side by side, each
# 1280×720 (a trainer's laptop and a projector): Xorg with the dummy video
# driver (0.4 or later, which has RandR outputs), its second output turned
# on with xrandr. Xvfb cannot stand in: GDK's X11 backend makes one
# GdkMonitor per connected RandR output, and Xvfb has one output, whatever
# its screens (+xinerama) or RandR monitors (xrandr --setmonitor).
# Any failure to start the server is an error, never a skip.

import os
import subprocess
import sys
import tempfile

CONFIG = """
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 65536
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0 - 1000.0
  VertRefresh 5.0 - 200.0
  Modeline "1280x720" 74.25 1280 1390 1430 1650 720 725 730 750 +hsync +vsync
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 2560 720
    Modes "1280x720"
  EndSubSection
EndSection
Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "AutoAddGPU" "false"
EndSection
"""


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: with-monitors.py XORG XRANDR COMMAND…")
    xorg, xrandr, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory(prefix="attune-monitors-") as tmp:
        with open(os.path.join(tmp, "xorg.conf"), "w") as f:
            f.write(CONFIG)
        read_end, write_end = os.pipe()
        # Relative paths: an Xorg with raised privileges refuses absolute ones.
        server = subprocess.Popen(
            [xorg, "-config", "xorg.conf", "-configdir", "none", "-noreset", "-nolisten", "tcp",
             "-logfile", "xorg.log", "-displayfd", str(write_end)],
            cwd=tmp, pass_fds=(write_end,), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        try:
            with os.fdopen(read_end) as displayfd:
                number = displayfd.readline().strip()
            if not number:
                log = os.path.join(tmp, "xorg.log")
                sys.stderr.write(open(log).read() if os.path.exists(log) else "Xorg wrote no log\n")
                sys.exit("Xorg with the dummy driver did not start")
            env = dict(os.environ, DISPLAY=":" + number)
            for args in (["--fb", "2560x720"],
                         ["--addmode", "DUMMY1", "1280x720"],
                         ["--output", "DUMMY1", "--mode", "1280x720", "--pos", "1280x0"]):
                subprocess.run([xrandr] + args, env=env, check=True)
            print("# monitors:", subprocess.run([xrandr, "--listactivemonitors"], env=env, check=True,
                                                capture_output=True, text=True).stdout.replace("\n", " "),
                  file=sys.stderr)
            return subprocess.call(command, env=env)
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
