#!/bin/sh
# The oldest rustc this machine can have: Debian 12's rustc-web 1.85 (the
# crates declare 1.74; nothing older is packaged here), unpacked beside the
# current toolchain into build/rustc-1.85, with a `rustc` wrapper that finds
# its LLVM. Prints the wrapper's path; use it as cargo's RUSTC.
#   sh ci/old-rustc.sh
set -eu
cd "$(dirname "$0")/.."
version=1.85.0+dfsg3-1~deb12u3
llvm=1:19.1.7-3~deb12u1
dir=$PWD/build/rustc-1.85
if ! [ -x "$dir/rustc" ]; then
    mkdir -p "$dir/debs"
    (cd "$dir/debs" &&
        apt-get download -q "rustc-web=$version" "libstd-rust-web-1.85=$version" \
            "libstd-rust-web-dev=$version" "libllvm19=$llvm" >&2) || {
        echo "old-rustc: apt-get download failed; run apt-get update (as root), or fetch" \
             "rustc-web, libstd-rust-web-1.85, libstd-rust-web-dev ($version) and" \
             "libllvm19 ($llvm) into $dir/debs by hand" >&2
        exit 1
    }
    for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir/root"; done
    cat >"$dir/rustc" <<WRAPPER
#!/bin/sh
LD_LIBRARY_PATH=$dir/root/usr/lib/x86_64-linux-gnu\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH} exec $dir/root/usr/bin/rustc "\$@"
WRAPPER
    chmod +x "$dir/rustc"
fi
"$dir/rustc" --version >&2
echo "$dir/rustc"
