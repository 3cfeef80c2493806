#!/usr/bin/env bash
# Deploy the built site (output/, from `make publish`) to the web server with rsync.
#
# Works from any machine or CI service. It reads these environment variables; nothing secret
# is stored in the repository:
#   DEPLOY_TARGET       required. Where the site goes, as rsync writes it:
#                       user@host:/var/www/site (over SSH) or a local folder /var/www/site.
#   DEPLOY_SSH_KEY      optional. The text of a private SSH key allowed to write there
#                       (in CI: a secret). Without it, ssh uses the user's own keys.
#   DEPLOY_KNOWN_HOSTS  optional. known_hosts lines for the server (ssh-keyscan HOST, checked
#                       by hand once). Without it, ssh checks ~/.ssh/known_hosts as usual;
#                       host keys are always checked.
#   DEPLOY_SOURCE       optional. The folder to deploy; default output/ next to this script's
#                       folder.
#
# Files are compared by content (--checksum: every build rewrites every file, so times say
# nothing), files no longer in the site are deleted on the server, and updated files are put
# in place together at the end (--delay-updates), so readers see no half-copied page.
set -euo pipefail

fail() {
  echo "deploy: $*" >&2
  exit 1
}

root="$(cd "$(dirname "$0")/.." && pwd)"
source_dir="${DEPLOY_SOURCE:-$root/output}"

[[ -n "${DEPLOY_TARGET:-}" ]] || fail "chưa đặt DEPLOY_TARGET (nơi đăng trang): ví dụ
  DEPLOY_TARGET=user@host:/var/www/site scripts/deploy.sh
hoặc một thư mục trên máy này: DEPLOY_TARGET=/var/www/site scripts/deploy.sh"
[[ -f "$source_dir/index.html" ]] || fail "không có trang đã dựng trong $source_dir: chạy \`make publish\` trước"
command -v rsync >/dev/null || fail "máy này chưa có rsync: cài rsync (apt-get install rsync) rồi chạy lại"

ssh_options=(-o BatchMode=yes)
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
if [[ -n "${DEPLOY_SSH_KEY:-}" ]]; then
  printf '%s\n' "$DEPLOY_SSH_KEY" >"$workdir/key"
  chmod 600 "$workdir/key"
  ssh_options+=(-i "$workdir/key" -o IdentitiesOnly=yes)
fi
if [[ -n "${DEPLOY_KNOWN_HOSTS:-}" ]]; then
  printf '%s\n' "$DEPLOY_KNOWN_HOSTS" >"$workdir/known_hosts"
  ssh_options+=(-o UserKnownHostsFile="$workdir/known_hosts" -o StrictHostKeyChecking=yes)
fi

# A target without "host:" in front is a local folder: create it if needed.
if [[ ! "$DEPLOY_TARGET" =~ ^[^/]*: ]]; then
  mkdir -p "$DEPLOY_TARGET"
fi

echo "Đăng $source_dir lên $DEPLOY_TARGET"
rsync --recursive --links --times --checksum --compress --chmod=D755,F644 \
  --delete-after --delay-updates \
  --rsh="ssh ${ssh_options[*]}" \
  "$source_dir/" "$DEPLOY_TARGET/"
echo "Đã đăng xong."
