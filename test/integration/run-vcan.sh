#!/usr/bin/env bash
# CI entry for the real-SocketCAN integration test (test/integration/socketcan.int.ts).
# Runs it inside a throwaway Linux guest with vcan0/vcan1 up (../shared/tools/vcan-vm.sh,
# user-mode Linux, no root needed; ~15 s). Without that tool it skips with exit 0.
# PACKPILOT_VCAN_HOST=1 runs it directly on this host instead (needs a vcan up, see the test).
# Builds the socketcan binding first when it is not loadable (npm leaves it out on Node < 22).
set -euo pipefail
cd "$(dirname "$0")/../.."
VM=../shared/tools/vcan-vm.sh
TEST=(node --import tsx test/integration/socketcan.int.ts)

if [ "${PACKPILOT_VCAN_HOST:-0}" != 1 ] && [ ! -f "$VM" ]; then
  echo "skipped: no vcan VM tool ($VM not found beside the repo at $(pwd)); set PACKPILOT_VCAN_HOST=1 to run on a host with vcan"
  exit 0
fi

loadable() {
  node --import tsx -e "import('./vehicle/can/socketcan-loader.ts').then((m) => m.loadSocketCan()).catch((e) => { console.error(e.message); process.exit(1); })"
}
if ! loadable 2>/dev/null; then
  echo "socketcan binding not loadable: npm run socketcan:build"
  npm run socketcan:build
  loadable
fi

if [ "${PACKPILOT_VCAN_HOST:-0}" = 1 ]; then
  exec "${TEST[@]}"
fi
exec bash "$VM" -- "${TEST[@]}"
