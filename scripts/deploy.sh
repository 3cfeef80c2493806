#!/usr/bin/env bash
# Deploy the built site (output/, from `make publish`) as a new release, or roll back.
#
#   scripts/deploy.sh            `make deploy`: upload output/ as a new release, then switch
#   scripts/deploy.sh rollback   `make rollback`: switch back to the release before the live one
#
# On the server, DEPLOY_TARGET holds:
#   releases/<UTC time>/   one folder per deploy, each a whole site
#   current                a link to the live release: nginx's root is DEPLOY_TARGET/current
# A deploy uploads into releases/.incoming-<time>/; files whose bytes are unchanged are
# hard-linked from the live release (rsync --link-dest), so only what changed travels and
# takes space. Only when the upload is complete is the folder renamed and `current`
# switched, by renaming a new link over it (mv -T): readers see the old site or the new
# one, never half of one. A deploy stopped midway leaves the live site as it was; the next
# deploy removes its upload folder. The newest DEPLOY_KEEP_RELEASES releases are kept.
# One deploy at a time (the CI workflow runs them one after another).
#
# Works from any machine or CI service. It reads these environment variables; nothing secret
# is stored in the repository:
#   DEPLOY_TARGET         required. Where the site goes: user@host:/var/www/tuyengiao (over
#                         SSH) or a folder on this machine, /var/www/tuyengiao.
#   DEPLOY_SSH_KEY        optional. The text of a private SSH key allowed to write there
#                         (in CI: a secret). Without it, ssh uses the user's own keys.
#   DEPLOY_KNOWN_HOSTS    optional. known_hosts lines for the server (ssh-keyscan HOST, checked
#                         by hand once). Without it, ssh checks ~/.ssh/known_hosts as usual;
#                         host keys are always checked.
#   DEPLOY_SSH_PORT       optional. The server's SSH port; default 22.
#   DEPLOY_KEEP_RELEASES  optional. How many releases to keep, the live one among them; at
#                         least 2, so there is one to roll back to; default 5.
#   DEPLOY_BWLIMIT        optional. Upload limit in KiB/s, to leave room on a shared line.
#   DEPLOY_SOURCE         optional. The folder to deploy; default output/ next to this
#                         script's folder.
set -euo pipefail

fail() {
  echo "deploy: $*" >&2
  exit 1
}

action="${1:-deploy}"
[[ "$action" == deploy || "$action" == rollback ]] ||
  fail "không hiểu lệnh \"$action\": dùng scripts/deploy.sh (đăng bản mới) hoặc scripts/deploy.sh rollback (quay lại bản trước)"

root="$(cd "$(dirname "$0")/.." && pwd)"
source_dir="${DEPLOY_SOURCE:-$root/output}"
keep="${DEPLOY_KEEP_RELEASES:-5}"
port="${DEPLOY_SSH_PORT:-22}"

[[ -n "${DEPLOY_TARGET:-}" ]] || fail "chưa đặt DEPLOY_TARGET (nơi đăng trang): ví dụ
  DEPLOY_TARGET=user@host:/var/www/site scripts/deploy.sh
hoặc một thư mục trên máy này: DEPLOY_TARGET=/var/www/site scripts/deploy.sh"
[[ "$keep" =~ ^[0-9]+$ ]] && ((keep >= 2)) ||
  fail "DEPLOY_KEEP_RELEASES phải là số nguyên ≥ 2 (giữ ít nhất một bản để quay lại), không phải \"$keep\""
[[ "$port" =~ ^[0-9]+$ ]] || fail "DEPLOY_SSH_PORT phải là số cổng, không phải \"$port\""
[[ -z "${DEPLOY_BWLIMIT:-}" || "$DEPLOY_BWLIMIT" =~ ^[0-9]+$ ]] ||
  fail "DEPLOY_BWLIMIT là số KiB/s, không phải \"$DEPLOY_BWLIMIT\""
if [[ "$action" == deploy ]]; then
  [[ -f "$source_dir/index.html" ]] || fail "không có trang đã dựng trong $source_dir: chạy \`make publish\` trước"
  command -v rsync >/dev/null || fail "máy này chưa có rsync: cài rsync (apt-get install rsync) rồi chạy lại"
fi

workdir="$(mktemp -d)"
# One SSH connection for the whole deploy (the steps and rsync share it), closed at exit;
# if this script is killed, it closes itself 30 s after its last use.
ssh_command=(ssh -o BatchMode=yes -p "$port" -o ControlMaster=auto -o ControlPath="$workdir/ssh-%C" -o ControlPersist=30)
cleanup() {
  [[ -z "${host:-}" ]] || "${ssh_command[@]}" -O exit "$host" 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT
if [[ -n "${DEPLOY_SSH_KEY:-}" ]]; then
  printf '%s\n' "$DEPLOY_SSH_KEY" >"$workdir/key"
  chmod 600 "$workdir/key"
  ssh_command+=(-i "$workdir/key" -o IdentitiesOnly=yes)
fi
if [[ -n "${DEPLOY_KNOWN_HOSTS:-}" ]]; then
  printf '%s\n' "$DEPLOY_KNOWN_HOSTS" >"$workdir/known_hosts"
  ssh_command+=(-o UserKnownHostsFile="$workdir/known_hosts" -o StrictHostKeyChecking=yes)
fi

# "host:path" is a server; anything else is a folder on this machine.
if [[ "$DEPLOY_TARGET" =~ ^[^/]*: ]]; then
  host="${DEPLOY_TARGET%%:*}"
  base="${DEPLOY_TARGET#*:}"
else
  host=""
  base="$DEPLOY_TARGET"
fi
base="${base%/}"
[[ -n "$base" ]] || fail "DEPLOY_TARGET thiếu đường dẫn thư mục sau \"$host:\""

quote() { # one word for the remote shell, whatever it holds
  printf "'%s'" "${1//\'/\'\\\'\'}"
}

# Runs a POSIX shell script (on standard input) where the releases are, with arguments.
on_target() {
  local script="$1"
  shift
  if [[ -n "$host" ]]; then
    local words=() argument
    for argument in "$@"; do words+=("$(quote "$argument")"); done
    "${ssh_command[@]}" "$host" "sh -s -- ${words[*]}" <<<"$script"
  else
    sh -s -- "$@" <<<"$script"
  fi
}

# Prints the live release's name (empty before the first deploy); removes the upload
# folders of deploys that stopped midway.
PREPARE='set -eu
mkdir -p "$1/releases"
cd "$1"
for stale in releases/.incoming-*; do
  [ -e "$stale" ] || continue
  echo "Xoá phần tải lên dở của lần đăng trước: $stale" >&2
  rm -rf "$stale" || echo "Chưa xoá hết $stale (còn tiến trình đang ghi?): lần đăng sau xoá tiếp." >&2
done
if [ -e index.html ] && [ ! -L current ]; then
  echo "Lưu ý: $1 còn trang đăng kiểu cũ (không theo bản); sau lần đăng này hãy đặt root của nginx là $1/current rồi xoá các tệp cũ." >&2
fi
if [ -L current ]; then basename "$(readlink current)"; fi'

# Renames the complete upload to its release name, switches `current` to it in one
# rename, then removes the oldest releases beyond the number kept (never the live one).
# An upload that sent no file ($4 = 0) and lists the same paths as the live release is
# that release again: it is dropped and nothing switches (the scheduled builds publish
# every half hour, and a rollback must reach the last real change).
ACTIVATE='set -eu
cd "$1"
name=$2
keep=$3
if [ "$4" = 0 ] && [ -L current ]; then
  listing() { (cd "$1" && find . | LC_ALL=C sort); }
  if [ "$(listing "releases/.incoming-$name")" = "$(listing current/)" ]; then
    rm -rf "releases/.incoming-$name"
    echo same
    exit 0
  fi
fi
mv "releases/.incoming-$name" "releases/$name"
ln -sfn "releases/$name" ".current-$name"
mv -T ".current-$name" current
ls -1 releases | sort | head -n "-$keep" | while read -r old; do
  rm -rf "releases/$old"
  echo "Đã xoá bản cũ $old" >&2
done
echo "Các bản đang giữ (mới nhất cuối):" >&2
ls -1 releases | sort | sed "s/^/  /" >&2'

# Switches `current` to the release just before the live one.
ROLLBACK='set -eu
cd "$1"
[ -L current ] || { echo "deploy: $1 chưa có bản nào đang chạy (chưa đăng lần nào)" >&2; exit 1; }
live=$(basename "$(readlink current)")
previous=$(ls -1 releases | sort | awk -v live="$live" '"'"'$0 < live'"'"' | tail -n 1)
[ -n "$previous" ] || { echo "deploy: không có bản nào cũ hơn $live để quay lại" >&2; exit 1; }
ln -sfn "releases/$previous" ".current-$previous"
mv -T ".current-$previous" current
echo "$live $previous"'

where="${host:+$host:}$base"

if [[ "$action" == rollback ]]; then
  read -r live previous < <(on_target "$ROLLBACK" "$base") || fail "không quay lại được trên $where"
  echo "Đã quay lại bản $previous trên $where (bản $live vẫn giữ trong releases/)."
  exit 0
fi

name="$(date -u +%Y%m%dT%H%M%S.%3NZ)"
previous="$(on_target "$PREPARE" "$base")" || fail "không chuẩn bị được thư mục $where (kiểm tra DEPLOY_TARGET, khoá SSH và quyền ghi)"

rsync_options=(--recursive --links --perms --chmod=D755,F644 --checksum --compress --stats)
# Unchanged files are hard links to the live release's: same bytes, no upload, no space.
[[ -n "$previous" ]] && rsync_options+=(--link-dest="../$previous")
[[ -n "${DEPLOY_BWLIMIT:-}" ]] && rsync_options+=(--bwlimit="$DEPLOY_BWLIMIT")
[[ -n "$host" ]] && rsync_options+=(--rsh="${ssh_command[*]}")

echo "Đăng $source_dir lên $where (bản $name${previous:+, so với bản đang chạy $previous})"
if ! rsync "${rsync_options[@]}" "$source_dir/" "$where/releases/.incoming-$name/" >"$workdir/stats"; then
  cat "$workdir/stats" >&2
  fail "tải lên chưa xong: trang đang chạy không đổi${previous:+ (bản $previous)}. Chạy lại \`make deploy\`."
fi
stat_of() { sed -n "s/^$1: \([0-9,]*\).*/\1/p" "$workdir/stats" | tr -d ,; }
sent_files="$(stat_of 'Number of regular files transferred')"
echo "Đã tải lên $sent_files tệp mới hoặc đã đổi" \
  "($(stat_of 'Total transferred file size') byte, $(stat_of 'Total bytes sent') byte qua mạng)" \
  "trong $(stat_of 'Number of files') mục${previous:+; các tệp không đổi dùng lại của bản trước}."

outcome="$(on_target "$ACTIVATE" "$base" "$name" "$keep" "$sent_files")" ||
  fail "đã tải lên nhưng chưa chuyển được sang bản $name: trang đang chạy không đổi. Chạy lại \`make deploy\`."
if [[ "$outcome" == same ]]; then
  echo "Không có gì thay đổi so với bản đang chạy $previous: giữ nguyên, không thêm bản mới."
else
  echo "Đã đăng xong: $where/current là bản $name."
fi
