#!/usr/bin/env bash
# Install the Debian packages the tests drive for real, when missing (run as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "system-packages.sh: installing ${missing[*]}" >&2
    apt-get update -qq >&2
    apt-get install -y -qq "${missing[@]}" >&2
fi
