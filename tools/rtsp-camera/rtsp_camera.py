#!/usr/bin/env python3
"""A real RTSP camera for Vigil's tests: GStreamer's RTSP server (Debian's gir1.2-gst-rtsp-server-1.0)
streaming a live H.264 test pattern on loopback.

    rtsp_camera.py PORT [--size WxH] [--user NAME --password SECRET] [--stall-after SECONDS]

Serves rtsp://127.0.0.1:PORT/camera; with --user and --password it requires them (basic auth).
With --stall-after each stream stops sending frames after that many seconds without
closing the connection: a stalled camera (a reconnect gets a fresh stream). Prints 'ready' once listening; stops on SIGTERM.
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--size", default="320x240")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--stall-after", type=float)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        f"( videotestsrc is-live=true pattern=ball ! video/x-raw,width={width},height={height},framerate=10/1 "
        "! valve name=gate drop=false "
        "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=10 ! rtph264pay name=pay0 pt=96 config-interval=1 )"
    )
    # Each client its own pipeline: clients over TCP and UDP at once, and a stall that a reconnect ends.
    factory.set_shared(False)

    if args.user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "viewer")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), token)
        server.set_auth(auth)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_permission_for_role("viewer", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
        permissions.add_permission_for_role("viewer", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
        factory.set_permissions(permissions)

    if args.stall_after is not None:
        # The valve stops the frames while the pipeline keeps playing: the connection stays open and
        # quiet, as a hung camera's does (pausing the pipeline instead can make the server drop it).
        def on_configure(_factory, media):
            gate = media.get_element().get_by_name("gate")
            def stall():
                gate.set_property("drop", True)
                return False
            GLib.timeout_add(int(args.stall_after * 1000), stall)
        factory.connect("media-configure", on_configure)

    server.get_mount_points().add_factory("/camera", factory)
    if server.attach(None) == 0:
        print("cannot listen", file=sys.stderr, flush=True)
        return 1

    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
    print("ready", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
