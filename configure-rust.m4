dnl configure-rust.m4: build optional Rust static libraries from an autoconf
dnl project.  Generic: nothing here knows the host project.
dnl
dnl   m4_include([configure-rust.m4])
dnl   RUST_CONFIGURE([warn], [1.74], [Foo 4.0], [HAVE_RUST])
dnl   RUST_SET_PROFILE([debug])     optional, after RUST_CONFIGURE
dnl   RUST_SET_LTO([yes])           optional, after RUST_CONFIGURE
dnl   AC_OUTPUT
dnl   RUST_FINAL_NOTICE             repeats the warn-stage warning last
dnl
dnl Every macro, variable and message: docs/reference.md, "configure-rust.m4".
dnl Shell variables named rust_* are private; the AC_SUBST ones are the API.


# RUST_CONFIGURE(STAGE, MIN-RUST-VERSION, [REQUIRED-SINCE], [C-DEFINE])
# ----------------------------------------------------------------------
# STAGE is warn, opt-out or require (see _RUST_DECIDE).  Sets with_rust and
# every output variable of docs/design.md, and writes Makefile.rust.
# C-DEFINE (e.g. HAVE_RUST) is AC_DEFINEd to 1 when the Rust code is built.
# Under automake (after AM_INIT_AUTOMAKE) it also sets the conditional
# WITH_RUST; under libtool (after LT_INIT) the driver writes a libtool
# convenience library beside each archive.
AC_DEFUN([RUST_CONFIGURE],
[m4_case([$1], [warn], [], [opt-out], [], [require], [],
  [m4_fatal([$0: STAGE must be warn, opt-out or require, not `$1'])])dnl
m4_ifval([$2], [], [m4_fatal([$0: MIN-RUST-VERSION is missing])])dnl
AC_REQUIRE([AC_PROG_CC])dnl
AC_REQUIRE([AC_CANONICAL_HOST])dnl
m4_define([_RUST_CONFIGURED])dnl
_RUST_SRCDIR_CHECK
rust_min=$2
rust_install="install Rust $2 or newer with rustup (https://rustup.rs) or your distribution's rustc and cargo packages"
rust_refused_no=
_RUST_ARG_WITH([$1], [$3])
_RUST_VARS
rust_problem=
rust_fix=
rust_no_target=
AS_IF([test "x$rust_requested" != xno], [
  _RUST_FIND_TOOLS
  _RUST_CHECK_VERSIONS
  _RUST_TARGET
  _RUST_CC_MACHINE
  _RUST_PROOF_LINK
  _RUST_HIDE_FLAGS
  _RUST_LIBTOOL_AR
  _RUST_LIBTOOL_NM
  _RUST_CROSS_ENV
  rm -rf conftest.rust
])
_RUST_DECIDE([$1], [$3])
m4_ifval([$4], [AS_IF([test "x$with_rust" = xyes],
  [AC_DEFINE([$4], [1], [Define to 1 when the Rust code is built (--with-rust).])])])
_RUST_AUTOMAKE
_RUST_SUBST
AC_CONFIG_COMMANDS_PRE([_RUST_SUMMARY])
dnl The warning must be the last thing users read.  Hosts call
dnl RUST_FINAL_NOTICE after AC_OUTPUT; when one does not, m4_wrap appends it
dnl to the end of the body of configure (after anything the host prints).
m4_wrap([m4_provide_if([RUST_FINAL_NOTICE], [],
  [m4_divert_text([BODY], [RUST_FINAL_NOTICE])])])dnl
])# RUST_CONFIGURE


# _RUST_SRCDIR_CHECK
# ------------------
# make splits a rule's targets and prerequisites at spaces: with a space in
# $srcdir (configure run by a path with one, relative or absolute), the
# rules that name files under it fail (Makefile.rust's, and a host's VPATH).
# A build whose $srcdir has none works, even under a spaced directory: in
# the tree (./configure, srcdir is .), or a sibling build dir (../src).
# Checked whether Rust is wanted or not: Makefile.rust's own rule needs it.
AC_DEFUN([_RUST_SRCDIR_CHECK],
[case $srcdir in
  *@<:@\ \	@:>@*)
    rust_srcname=`basename "$srcdir"`
    rust_srcparent=`dirname "$srcdir"`
    rust_beside=
    case $rust_srcname in
      *@<:@\ \	@:>@*) ;;
      *) rust_beside="; or from a build directory beside it: cd '$rust_srcparent' && mkdir build && cd build && ../$rust_srcname/configure" ;;
    esac
    AC_MSG_ERROR([the path to the source directory, '$srcdir', has a space in it: make cannot name files under it in rules (Makefile.rust's among them), so the build would fail.
  fix: run configure by a path without spaces: in the source tree: cd '$srcdir' && ./configure$rust_beside; or move the tree to a path without spaces]) ;;
esac
])# _RUST_SRCDIR_CHECK


# _RUST_ARG_WITH(STAGE, REQUIRED-SINCE)
# -------------------------------------
# --with-rust=yes|no|auto -> rust_requested; rejects anything else.  `no'
# in the require stage probes as `yes' and is refused by _RUST_DECIDE.
AC_DEFUN([_RUST_ARG_WITH],
[AC_ARG_WITH([rust],
  [AS_HELP_STRING([--with-rust@<:@=yes|no|auto@:>@],
    [build the Rust code: yes (fail if Rust is not usable), ]m4_case([$1],
      [warn], [[no, or auto (use Rust when usable, else warn) @<:@auto@:>@]],
      [opt-out], [[no, or auto (use Rust; fail if not usable) @<:@auto@:>@]],
      [require], [[or auto (same as yes); no is rejected: Rust is required since $2 @<:@auto@:>@]]))],
  [], [with_rust=auto])
rust_requested=$with_rust
case $rust_requested in
  yes|auto) ;;
  no)m4_if([$1], [require], [
    dnl Refused after the probes (_RUST_DECIDE): the fix depends on what
    dnl they find (nothing to install where Rust has no target).
    rust_refused_no=yes rust_requested=yes]) ;;
  *) AC_MSG_ERROR([invalid value --with-rust=$rust_requested: valid values are yes, no and auto (--with-rust=auto is the default)]) ;;
esac
])# _RUST_ARG_WITH


# _RUST_VARS
# ----------
# The precious variables (shown by ./configure --help) and the defaults of
# the other output variables.
AC_DEFUN([_RUST_VARS],
[AC_ARG_VAR([CARGO], [the cargo to build Rust code with (default: cargo on PATH)])
AC_ARG_VAR([RUSTC], [the rustc to build Rust code with (default: rustc on PATH)])
AC_ARG_VAR([RUSTFLAGS], [extra rustc flags for the Rust code])
AC_ARG_VAR([RUST_TARGET], [Rust target triple (default: mapped from --host)])
AC_ARG_VAR([RUST_FEATURES], [cargo features to build the Rust code with (e.g. bindgen)])
RUST_VERSION=
RUST_PROFILE=release
RUST_LTO=no
RUST_NATIVE_STATIC_LIBS=
RUST_HIDE_LDFLAGS=
RUST_GC_LDFLAGS=
RUST_CROSS_ENV=
])# _RUST_VARS


# _RUST_FAIL(PROBLEM, FIX)
# ------------------------
# Record why Rust is not usable and how to fix it; later probes are skipped.
m4_define([_RUST_FAIL], [rust_problem="$1"
rust_fix="$2"])


# _RUST_RUN_LOG(COMMAND)
# ----------------------
# Run COMMAND, log it, its output and its exit status to config.log; leave
# stdout in conftest.rout, stderr in conftest.rerr, the status in rust_status.
m4_define([_RUST_RUN_LOG],
[_AS_ECHO_LOG([$1])
($1) >conftest.rout 2>conftest.rerr
rust_status=$?
cat conftest.rout conftest.rerr >&AS_MESSAGE_LOG_FD
_AS_ECHO_LOG([\$? = $rust_status])])


# _RUST_FIND_TOOLS
# ----------------
# CARGO and RUSTC: the user's values, else the first on PATH.
AC_DEFUN([_RUST_FIND_TOOLS],
[AC_PATH_PROG([CARGO], [cargo])
AC_PATH_PROG([RUSTC], [rustc])
AS_IF([test -z "$CARGO"],
  [_RUST_FAIL([cargo not found on PATH], [$rust_install, or pass CARGO=/path/to/cargo])],
  [test -z "$RUSTC"],
  [_RUST_FAIL([rustc not found on PATH], [$rust_install, or pass RUSTC=/path/to/rustc])])
dnl Installing Rust is no fix where Rust has no target for the architecture.
AS_IF([test -n "$rust_problem" && test -z "$RUST_TARGET"], [
  _RUST_HOST_TABLE([$host])
  AS_IF([test "x$rust_table_target" = xnone],
    [_RUST_NO_TARGET([no rustc was found, and Rust has none for its architecture, $host_cpu])])])
])# _RUST_FIND_TOOLS


# _RUST_VERSION_NUM(VAR, VERSION)
# -------------------------------
# VAR = VERSION as one comparable number: 1.95.0-nightly -> 1095000; empty
# unless VERSION starts with X.Y.
m4_define([_RUST_VERSION_NUM],
[$1=`echo "$2" | sed -n 's/^\(@<:@0-9@:>@@<:@0-9@:>@*\.@<:@0-9@:>@@<:@0-9@:>@*\)\(\.@<:@0-9@:>@*\)\{0,1\}.*/\1\2/p' | tr . ' '`
# shellcheck disable=SC2086 # one printf argument per version part
test -z "$$1" || $1=`printf '%d%03d%03d' $$1`])


# _RUST_CHECK_TOOL_VERSION(TOOL, COMMAND, SED-SCRIPT, CACHE-VAR, PASS-VAR)
# -----------------------------------------------------------------------
# Run COMMAND (`$RUSTC -vV'), read the version with SED-SCRIPT, compare it
# with rust_min.  Only a usable version is cached.
m4_define([_RUST_CHECK_TOOL_VERSION],
[AC_MSG_CHECKING([the $1 version])
AS_VAR_SET_IF([$4], [AC_MSG_RESULT([$$4 (cached)])], [
  _RUST_RUN_LOG([$2])
  AS_IF([test $rust_status != 0],
    [rust_err=`sed 1q conftest.rerr`
     test -n "$rust_err" || rust_err="no error output"
     dnl A rustup proxy without the chosen toolchain: Rust is installed, so
     dnl the fix is rustup's own help line, and what chose the toolchain.
     rust_help=`sed -n 's/^help: *//p' conftest.rerr | sed 1q`
     AC_MSG_RESULT([failed])
     AS_CASE([$rust_err],
       [*toolchain*"is not installed"*],
       [_RUST_FAIL(['$2' failed: $rust_err (the rustup proxy's toolchain${RUSTUP_TOOLCHAIN:+, chosen by RUSTUP_TOOLCHAIN=$RUSTUP_TOOLCHAIN})],
         [${rust_help:-install that toolchain with rustup}${RUSTUP_TOOLCHAIN:+, or unset RUSTUP_TOOLCHAIN}, or pass $5=/path/to/a/working/$1])],
       [_RUST_FAIL(['$2' failed (exit status $rust_status): $rust_err],
         [pass $5=/path/to/a/working/$1, or $rust_install])])],
    [rust_v=`sed -n '$3' conftest.rout | sed 1q`
     _RUST_VERSION_NUM([rust_vnum], [$rust_v])
     _RUST_VERSION_NUM([rust_minnum], [$rust_min])
     AS_IF([test -z "$rust_v"],
       [AC_MSG_RESULT([unknown])
        _RUST_FAIL(['$2' printed no version (see config.log)],
          [pass $5=/path/to/$1, or $rust_install])],
       [test -z "$rust_vnum"],
       [AC_MSG_RESULT([$rust_v, not a version])
        _RUST_FAIL(['$2' printed the version '$rust_v', which is not a $1 version (X.Y.Z), so $5 is not $1],
          [pass $5=/path/to/a/real/$1])],
       [test "$rust_vnum" -lt "$rust_minnum"],
       [AC_MSG_RESULT([$rust_v, too old])
        _RUST_FAIL([$1 $rust_v is older than the minimum $1 $rust_min],
          [upgrade with 'rustup update', or pass $5=/path/to/$1 (version $rust_min or newer)])],
       [AC_MSG_RESULT([$rust_v])
        $4=$rust_v])])])
])


# _RUST_CHECK_VERSIONS
# --------------------
# rustc and cargo must both be at least rust_min.  Sets RUST_VERSION and
# rust_rustc_host (rustc's own triple, to tell a cross build).
AC_DEFUN([_RUST_CHECK_VERSIONS],
[AS_IF([test -z "$rust_problem"],
  [_RUST_CHECK_TOOL_VERSION([rustc], [$RUSTC -vV],
    [s/^release: *//p], [ac_cv_rust_rustc_version], [RUSTC])])
AS_IF([test -z "$rust_problem"],
  [AS_VAR_SET_IF([ac_cv_rust_rustc_host], [],
    [ac_cv_rust_rustc_host=`$RUSTC -vV 2>/dev/null | sed -n 's/^host: *//p'`])
   rust_rustc_host=$ac_cv_rust_rustc_host
   RUST_VERSION=$ac_cv_rust_rustc_version
   _RUST_CHECK_TOOL_VERSION([cargo], [$CARGO -V],
    [s/^cargo  *\(@<:@^ @:>@*\).*/\1/p], [ac_cv_rust_cargo_version], [CARGO])])
])# _RUST_CHECK_VERSIONS


# _RUST_TARGET
# ------------
# RUST_TARGET: the user's value (checked against rustc's target list), else
# $host through the generated table, else $host found in the target list.
AC_DEFUN([_RUST_TARGET],
[AS_IF([test -z "$rust_problem"], [
AC_MSG_CHECKING([for the Rust target])
_RUST_RUN_LOG([$RUSTC --print target-list])
mv conftest.rout conftest.rtargets
rust_known () { grep -x -F "$[1]" conftest.rtargets >/dev/null; }
rust_list_fix="pass RUST_TARGET=<triple> ('$RUSTC --print target-list' lists them)"
if test $rust_status != 0; then
  AC_MSG_RESULT([unknown])
  _RUST_FAIL(['$RUSTC --print target-list' failed (exit status $rust_status)],
    [pass RUSTC=/path/to/a/working/rustc, or $rust_install])
elif test -n "$RUST_TARGET"; then
  if rust_known "$RUST_TARGET"; then
    AC_MSG_RESULT([$RUST_TARGET (from RUST_TARGET)])
  else
    AC_MSG_RESULT([invalid])
    _RUST_FAIL([RUST_TARGET=$RUST_TARGET is not a target rustc $RUST_VERSION knows],
      [$rust_list_fix, or unset RUST_TARGET to map it from --host])
  fi
elif test -n "$ac_cv_rust_target"; then
  RUST_TARGET=$ac_cv_rust_target
  AC_MSG_RESULT([$RUST_TARGET (cached)])
else
  _RUST_HOST_TABLE([$host])
  dnl `none' (an architecture Rust had no target for): rustc's list decides.
  test "x$rust_table_target" != xnone || rust_table_target=
  if test -n "$rust_table_target"; then
    if rust_known "$rust_table_target"; then
      RUST_TARGET=$rust_table_target
    else
      AC_MSG_RESULT([unknown])
      _RUST_FAIL([rustc $RUST_VERSION does not know $rust_table_target, the Rust target for host $host],
        [upgrade with 'rustup update', or $rust_list_fix])
    fi
  else
    for rust_t in "$host" "$host_cpu-unknown-$host_os" "$host_cpu-$host_os"; do
      if rust_known "$rust_t"; then RUST_TARGET=$rust_t; break; fi
    done
    if test -z "$RUST_TARGET"; then
      _RUST_ARCH_KNOWN
      if test $rust_arch_known = yes; then
        AC_MSG_RESULT([unknown])
        _RUST_FAIL([no Rust target is known for host $host], [$rust_list_fix])
      else
        AC_MSG_RESULT([none: rustc knows no $host_cpu target])
        _RUST_NO_TARGET([rustc $RUST_VERSION knows none for its architecture, $host_cpu])
      fi
    fi
  fi
  if test -n "$RUST_TARGET"; then
    ac_cv_rust_target=$RUST_TARGET
    AC_MSG_RESULT([$RUST_TARGET])
  fi
fi
rm -f conftest.rtargets])
])# _RUST_TARGET


# _RUST_ARCH_KNOWN
# ----------------
# rust_arch_known=yes when some target in conftest.rtargets is for $host_cpu:
# its CPU starts with $host_cpu (riscv64: riscv64gc) or $host_cpu with it
# (armv5tel: armv5te).  No: Rust has no target for the architecture at all.
m4_define([_RUST_ARCH_KNOWN],
[rust_arch_known=no
for rust_c in `sed 's/-.*//' conftest.rtargets | sort -u`; do
  case $host_cpu:$rust_c in
    "$rust_c"*:*|*:"$host_cpu"*) rust_arch_known=yes; break ;;
  esac
done])


# _RUST_NO_TARGET(WHY)
# --------------------
# Rust has no target for $host: the one fix is to build without Rust, which
# _RUST_DECIDE offers per stage (rust_fix stays empty).
m4_define([_RUST_NO_TARGET],
[rust_no_target=yes
_RUST_FAIL([Rust has no target for host $host ($1)], [])])


# _RUST_CC_MACHINE
# ----------------
# rust_host_hint: when `$CC -dumpmachine' names a triple whose Rust target
# is not RUST_TARGET (CC=i686-linux-gnu-gcc without --host makes
# config.guess say x86_64-pc-linux-gnux32), the --host that would fix it.
AC_DEFUN([_RUST_CC_MACHINE],
[rust_host_hint=
rust_cc_machine=`$CC -dumpmachine 2>/dev/null`
AS_IF([test -z "$rust_problem" && test -n "$rust_cc_machine" && test -z "$ac_cv_env_RUST_TARGET_set"], [
  dnl -dumpmachine may leave out the vendor (i686-linux-gnu): canonicalize.
  rust_cc_canonical=`$SHELL "$ac_aux_dir/config.sub" "$rust_cc_machine" 2>/dev/null`
  _RUST_HOST_TABLE([$rust_cc_canonical])
  AS_IF([test -n "$rust_table_target" && test "x$rust_table_target" != "x$RUST_TARGET"],
    [rust_host_hint="configure with --host=$rust_cc_machine: the C compiler ($CC) builds for $rust_cc_machine ($rust_table_target), but the host is $host ($RUST_TARGET)"
     _AS_ECHO_LOG([$rust_host_hint])])])
])# _RUST_CC_MACHINE


# _RUST_STD_FIX(TRIPLE)
# ---------------------
# Set rust_std_fix to how to install the standard library for TRIPLE: rustup
# when rustc is a rustup toolchain, else the distribution's package.  When
# rustc has the std of a close target (same vendor-os-abi, same architecture
# family: arm/armv7, i586/i686), name RUST_TARGET=<that one> first.
m4_define([_RUST_STD_FIX],
[rust_close=
rust_sysroot=`$RUSTC $RUSTFLAGS --print sysroot 2>/dev/null`
rust_family () { echo "$[1]" | sed -e 's/^arm[[^-]]*-/arm-/' -e 's/^thumb[[^-]]*-/arm-/' -e 's/^i.86-/x86-/'; }
rust_want=`rust_family "$1"`
for rust_d in "$rust_sysroot"/lib/rustlib/*/lib; do
  rust_t=`echo "$rust_d" | sed 's|.*/rustlib/\([[^/]]*\)/lib$|\1|'`
  AS_IF([test "x$rust_t" != "x$1" && test "x`rust_family "$rust_t"`" = "x$rust_want" &&
         ls "$rust_d"/libstd-*.rlib >/dev/null 2>&1],
    [rust_close=$rust_t; break])
done
dnl rustc's own sysroot (a --sysroot in RUSTFLAGS is not where packages live).
rust_own_sysroot=`$RUSTC --print sysroot 2>/dev/null`
dnl Debian's std package for the target: the package of the host's std, at
dnl the target's architecture, and only of use at the host std's version.
case $1 in
  x86_64-unknown-linux-gnu) rust_debarch=amd64 ;;
  aarch64-unknown-linux-gnu) rust_debarch=arm64 ;;
  i686-unknown-linux-gnu) rust_debarch=i386 ;;
  armv7-unknown-linux-gnueabihf) rust_debarch=armhf ;;
  powerpc64le-unknown-linux-gnu) rust_debarch=ppc64el ;;
  s390x-unknown-linux-gnu) rust_debarch=s390x ;;
  riscv64gc-unknown-linux-gnu) rust_debarch=riscv64 ;;
  *) rust_debarch= ;;
esac
rust_deb_pkg=
test -z "$rust_debarch" ||
  rust_deb_pkg=`dpkg-query -S "$rust_own_sysroot/lib/rustlib/$rust_rustc_host/lib" 2>/dev/null | sed -n '1s/:.*//p'`
rust_std_pkg="your distribution's Rust standard library package for $1${rust_deb_pkg:+ (Debian: apt install $rust_deb_pkg:$rust_debarch, if apt offers it at the version of this rustc)}, or build it from the sources of this rustc: cargo xtask build-std --target $1"
case $rust_own_sysroot in
  */toolchains/*) rust_std_fix="install the Rust standard library for $1: rustup target add $1" ;;
  *) rust_std_fix="install the Rust standard library for $1: $rust_std_pkg, or use rustup and run: rustup target add $1" ;;
esac
test -z "$rust_close" ||
  rust_std_fix="pass RUST_TARGET=$rust_close (rustc has its standard library); or else $rust_std_fix"])


# _RUST_PROOF_LINK
# ----------------
# Build a one-function Rust staticlib for RUST_TARGET and link it into a C
# program with $CC $CFLAGS $LDFLAGS; run it unless cross-compiling.  Sets
# RUST_NATIVE_STATIC_LIBS from rustc's note.  Leaves conftest.rust/ for
# _RUST_HIDE_FLAGS.
AC_DEFUN([_RUST_PROOF_LINK],
[AS_IF([test -z "$rust_problem"], [
AC_MSG_CHECKING([whether $RUSTC builds a static library for $RUST_TARGET])
rm -rf conftest.rust && mkdir conftest.rust
cat >conftest.rust/conftest.rs <<'_RUST_EOF'
@%:@@<:@no_mangle@:>@
pub extern "C" fn conftest_rust_sum() -> i32 {
    let v: Vec<i32> = vec!(40, 2);
    v.iter().sum()
}
_RUST_EOF
rust_proof="$RUSTC $RUSTFLAGS --crate-type staticlib --crate-name conftest --target $RUST_TARGET -C panic=abort --print native-static-libs -o conftest.rust/libconftest.a conftest.rust/conftest.rs"
_RUST_RUN_LOG([$rust_proof])
if test $rust_status = 0; then
  AC_MSG_RESULT([yes])
elif grep -e "can't find crate for" -e E0463 conftest.rerr >/dev/null; then
  AC_MSG_RESULT([no: no standard library for $RUST_TARGET])
  _RUST_STD_FIX([$RUST_TARGET])
  _RUST_FAIL([rustc $RUST_VERSION has no standard library for $RUST_TARGET],
    [${rust_host_hint:+$rust_host_hint; or else }$rust_std_fix])
else
  _RUST_RUSTC_ERROR([conftest.rerr])
  AC_MSG_RESULT([no])
  _RUST_FAIL([rustc could not build a static library for $RUST_TARGET: $rust_err],
    [check RUSTFLAGS ($RUSTFLAGS) and RUSTC ($RUSTC); the command and its output are in config.log])
  _RUST_FAIL_IF_DISK_FULL([cat conftest.rerr])
fi
])
AS_IF([test -z "$rust_problem"], [
AC_CACHE_CHECK([for the native libraries Rust static libraries need],
  [ac_cv_rust_native_static_libs],
  [ac_cv_rust_native_static_libs=`sed -n 's/^note: native-static-libs: *//p' conftest.rerr | sed 1q`
   test -n "$ac_cv_rust_native_static_libs" || ac_cv_rust_native_static_libs=none])
RUST_NATIVE_STATIC_LIBS=$ac_cv_rust_native_static_libs
test "x$RUST_NATIVE_STATIC_LIBS" = xnone && RUST_NATIVE_STATIC_LIBS=
AC_LANG_PUSH([C])
rust_save_LIBS=$LIBS
LIBS="conftest.rust/libconftest.a $RUST_NATIVE_STATIC_LIBS $LIBS"
rust_link="$CC $CFLAGS $CPPFLAGS $LDFLAGS conftest.c $LIBS"
AC_MSG_CHECKING([whether $CC links a Rust static library])
AC_LINK_IFELSE([_RUST_PROOF_PROGRAM],
  [AC_MSG_RESULT([yes])],
  [AC_MSG_RESULT([no])
   _RUST_FAIL([the C compiler cannot link a Rust static library for $RUST_TARGET: $rust_link failed (details in config.log)],
     [${rust_host_hint:-make CC, CFLAGS and LDFLAGS build for the Rust target (when cross-compiling: ./configure --host=<triple> CC=<cross compiler>), or pass RUST_TARGET=<the triple of the C compiler>}])
   _RUST_MISSING_NATIVE_LIB([conftest.err])
   _RUST_RELOCATION_OVERFLOW([conftest.err])
   _RUST_FAIL_IF_DISK_FULL([tail -n 40 config.log])])
AS_IF([test -z "$rust_problem" && test "x$cross_compiling" != xyes],
  [AC_MSG_CHECKING([whether a program linked with Rust runs])
   AC_RUN_IFELSE([_RUST_PROOF_PROGRAM],
     [AC_MSG_RESULT([yes])],
     [AC_MSG_RESULT([no])
      _RUST_FAIL([a C program linked with a Rust static library for $RUST_TARGET does not run (details in config.log)],
        [check that RUST_TARGET ($RUST_TARGET) matches the machine, or configure with --host=<triple> to cross-compile])],
     [AC_MSG_RESULT([not run: cross-compiling])])])
LIBS=$rust_save_LIBS
AC_LANG_POP([C])
])
])# _RUST_PROOF_LINK


# _RUST_RUSTC_ERROR(FILE)
# -----------------------
# rust_err: why rustc failed, in its words from FILE (its stderr): the first
# `error' line, LLVM's fatal `LLVM ERROR:', or a JSON diagnostic's message
# (RUSTFLAGS may ask for colour or JSON); never a warning or its notes.
m4_define([_RUST_RUSTC_ERROR],
[rust_err=`tr -d '\033' <$1 | sed -e 's/\@<:@@<:@0-9;@:>@*m//g' |
  sed -n -e '/^error/p' -e 's/.*\(LLVM ERROR: \)/\1/p' \
    -e 's/.*"message":"\(@<:@^"@:>@*\)".*"level":"error".*/error: \1/p' | sed 1q`
test -n "$rust_err" || rust_err="rustc printed no error line (exit status $rust_status)"])


# _RUST_MISSING_NATIVE_LIB(FILE)
# ------------------------------
# When the linker's errors in FILE (GNU ld's, lld's, zig's) say it found no
# library that rustc's native-static-libs names (musl's -lunwind where the
# C library has no unwinder, FreeBSD's -lkvm in zig's libc), that is the
# problem, and installing it the fix.
m4_define([_RUST_MISSING_NATIVE_LIB],
[rust_nolib=`sed -n -e 's/.*cannot find \(-l@<:@^ :@:>@*\).*/\1/p' \
  -e 's/.*unable to find library \(-l@<:@^ :@:>@*\).*/\1/p' \
  -e 's/.*unable to find @<:@a-z@:>@* *system library "\(@<:@^"@:>@*\)".*/-l\1/p' $1 2>/dev/null | sed 1q`
case " $RUST_NATIVE_STATIC_LIBS " in
  *" $rust_nolib "*) if test -n "$rust_nolib"; then
    _RUST_FAIL([the C compiler cannot link a Rust static library for $RUST_TARGET: its linker finds no $rust_nolib, which the standard library for $RUST_TARGET needs (rustc's native-static-libs: $RUST_NATIVE_STATIC_LIBS)],
      [install lib`echo "$rust_nolib" | sed 's/^-l//'` built for this C library and make the linker find it (LDFLAGS=-L<its directory>)])
  fi ;;
esac])


# _RUST_RELOCATION_OVERFLOW(FILE)
# -------------------------------
# `relocation truncated to fit' in the linker's errors (FILE): rustc's code
# for the target reaches its data with displacements too short for a
# program's size (LLVM's M68k backend: R_68K_PC16).  No C flag changes the
# Rust objects' relocations, so the fix is another rustc.
m4_define([_RUST_RELOCATION_OVERFLOW],
[rust_reloc=`sed -n 's/.*\(relocation truncated to fit: @<:@^ @:>@*\).*/\1/p' $1 2>/dev/null | sed 1q`
if test -n "$rust_reloc"; then
  _RUST_FAIL([the C compiler cannot link a Rust static library for $RUST_TARGET: rustc's code for it does not link ($rust_reloc, in the Rust library's objects: displacements too short for a program of this size)],
    [use a rustc whose code for $RUST_TARGET links (no C compiler or linker flag changes the Rust objects' relocations)])
fi])


# _RUST_FAIL_IF_DISK_FULL(COMMAND)
# --------------------------------
# When what COMMAND prints (a probe's error output) says a write failed for
# want of space, that is the problem, not the flags or the tools.
m4_define([_RUST_FAIL_IF_DISK_FULL],
[AS_IF([$1 2>/dev/null | grep 'No space left on device' >/dev/null],
  [rust_mount=`df -P . 2>/dev/null | awk 'NR == 2 { print $[]6 }'`
   _RUST_FAIL([the file system of the build directory ($ac_pwd, mounted at ${rust_mount:-?}) is full: a probe could not write its output (No space left on device)],
     [free space on it (df -h $ac_pwd shows how much is left), then run configure again])])])


# _RUST_PROOF_PROGRAM
# -------------------
# A C program that calls the proof staticlib's function.
m4_define([_RUST_PROOF_PROGRAM],
[AC_LANG_PROGRAM([[int conftest_rust_sum(void);]],
  [[return conftest_rust_sum() != 42;]])])


# _RUST_HIDE_FLAGS
# ----------------
# RUST_HIDE_LDFLAGS: keeps Rust's symbols (std's included) out of what a
# shared library or program exports, in the first form the proof link
# accepts: GNU ld, gold, lld and mold hide every symbol of a static library
# (--exclude-libs); Apple's ld64 (and ld64.lld) take a list of unexported
# name patterns, written next to config.status: Rust's manglings and the
# runtime's own names, so the crate's own C API stays exported.
AC_DEFUN([_RUST_HIDE_FLAGS],
[AS_IF([test -z "$rust_problem"], [
AC_LANG_PUSH([C])
AC_CACHE_CHECK([how the linker keeps a static library's symbols unexported],
  [ac_cv_rust_hide_ldflags],
  [ac_cv_rust_hide_ldflags=none
   rust_save_LIBS=$LIBS rust_save_LDFLAGS=$LDFLAGS
   LIBS="conftest.rust/libconftest.a $RUST_NATIVE_STATIC_LIBS $LIBS"
   for rust_form in gnu ld64; do
     case $rust_form in
       gnu) rust_hide=-Wl,--exclude-libs,ALL ;;
       ld64) rust_hide="-Wl,-unexported_symbols_list,$ac_pwd/rust-unexported.txt"
         _RUST_LD64_UNEXPORTED([$ac_pwd/rust-unexported.txt]) ;;
     esac
     LDFLAGS="$rust_save_LDFLAGS $rust_hide"
     AC_LINK_IFELSE([_RUST_PROOF_PROGRAM], [ac_cv_rust_hide_ldflags=$rust_hide; break])
   done
   LIBS=$rust_save_LIBS LDFLAGS=$rust_save_LDFLAGS])
AC_LANG_POP([C])
AS_CASE([$ac_cv_rust_hide_ldflags],
  [none], [],
  [*-unexported_symbols_list*], [_RUST_LD64_UNEXPORTED([$ac_pwd/rust-unexported.txt])
     RUST_HIDE_LDFLAGS=$ac_cv_rust_hide_ldflags],
  [RUST_HIDE_LDFLAGS=$ac_cv_rust_hide_ldflags])
_RUST_GC_FLAGS
])
])# _RUST_HIDE_FLAGS


# _RUST_GC_FLAGS
# --------------
# RUST_GC_LDFLAGS: drops the archive's code that a link unit does not
# reach, once RUST_HIDE_LDFLAGS has made it local: an archive that holds
# several modules (one allocator and panic handler for all) then gives
# each shared module only its own code.  GNU ld, gold, lld and mold take
# --gc-sections, ld64 -dead_strip.
AC_DEFUN([_RUST_GC_FLAGS],
[AS_IF([test -n "$RUST_HIDE_LDFLAGS"], [
AC_CACHE_CHECK([how the linker drops a static library's unreached code],
  [ac_cv_rust_gc_ldflags],
  [ac_cv_rust_gc_ldflags=none
   rust_save_LIBS=$LIBS rust_save_LDFLAGS=$LDFLAGS
   LIBS="conftest.rust/libconftest.a $RUST_NATIVE_STATIC_LIBS $LIBS"
   for rust_gc in -Wl,--gc-sections -Wl,-dead_strip; do
     LDFLAGS="$rust_save_LDFLAGS $RUST_HIDE_LDFLAGS $rust_gc"
     AC_LINK_IFELSE([_RUST_PROOF_PROGRAM], [ac_cv_rust_gc_ldflags=$rust_gc; break])
   done
   LIBS=$rust_save_LIBS LDFLAGS=$rust_save_LDFLAGS])
AS_VAR_IF([ac_cv_rust_gc_ldflags], [none], [],
  [RUST_GC_LDFLAGS=$ac_cv_rust_gc_ldflags])
])])# _RUST_GC_FLAGS


# _RUST_LD64_UNEXPORTED(FILE)
# ---------------------------
# ld64's -unexported_symbols_list: Mach-O names carry a leading underscore.
AC_DEFUN([_RUST_LD64_UNEXPORTED],
[cat >"$1" <<'_RUST_EOF'
# Written by configure (configure-rust.m4): Rust symbols a link must not
# export.  v0 and legacy Rust manglings, then the runtime's own names.
__R*
__ZN*17h????????????????E
_rust_*
___rust_*
___rdl_*
___rg_*
___isOSVersionAtLeast
___isPlatformVersionAtLeast
_RUST_EOF
])


# _RUST_LIBTOOL_AR
# ----------------
# libtool builds a static library from a convenience library by extracting
# its objects and archiving them again with $AR and $RANLIB.  GNU ar loads
# every plugin of /usr/lib/bfd-plugins; an LLVMgold.so older than rustc's
# LLVM (Debian 12's clang-14 installs one) fails on the bitcode rustc embeds
# in its objects, and their symbols drop out of the archive's index: the
# static library does not link.  gcc-ar and gcc-ranlib load only GCC's plugin.
AC_DEFUN([_RUST_LIBTOOL_AR],
[m4_provide_if([LT_INIT], [AS_IF([test -z "$rust_problem" && test "x$enable_static" != xno], [
AC_LANG_PUSH([C])
AC_MSG_CHECKING([whether $AR and $RANLIB keep Rust's objects in a static library's index])
_RUST_AR_WORKS([$AR], [$RANLIB])
AS_IF([test $rust_ar_ok = yes], [AC_MSG_RESULT([yes])], [
  _RUST_AR_WORKS([gcc-ar], [gcc-ranlib])
  AS_IF([test $rust_ar_ok = yes],
    [AC_MSG_RESULT([no; using gcc-ar and gcc-ranlib, which do])
     AR=gcc-ar RANLIB=gcc-ranlib],
    [AC_MSG_RESULT([no])
     _RUST_FAIL([$AR and $RANLIB drop the symbols of Rust's objects from a static library's index (a plugin in /usr/lib/bfd-plugins fails on them; details in config.log)],
       [configure with AR=llvm-ar RANLIB=llvm-ranlib (LLVM as new as rustc's), or --disable-static])])])
AC_LANG_POP([C])])])
])# _RUST_LIBTOOL_AR


# _RUST_AR_WORKS(AR, RANLIB)
# --------------------------
# rust_ar_ok=yes when the proof library, extracted and archived again with
# AR and RANLIB, still links.
m4_define([_RUST_AR_WORKS],
[rust_ar_ok=no
rm -rf conftest.arx && mkdir conftest.arx
if (cd conftest.arx && $1 x ../conftest.rust/libconftest.a && $1 cr libre.a ./*.o && $2 libre.a) >&AS_MESSAGE_LOG_FD 2>&1; then
  rust_save_LIBS=$LIBS
  LIBS="conftest.arx/libre.a $RUST_NATIVE_STATIC_LIBS $LIBS"
  AC_LINK_IFELSE([_RUST_PROOF_PROGRAM], [rust_ar_ok=yes])
  LIBS=$rust_save_LIBS
fi
rm -rf conftest.arx])


# _RUST_LIBTOOL_NM
# ----------------
# libtool lists a library's symbols with $NM over its objects and
# convenience libraries (-export-symbols-regex, dlpreopen).  GNU nm, like
# ar, loads every plugin of /usr/lib/bfd-plugins; the LLVM gold plugins read
# the bitcode rustc embeds instead of the symbol table, and nm prints
# `no symbols' for each of some 280 members of a Rust archive (265 of
# compiler_builtins) at every link.  gcc-nm loads only GCC's plugin.  It is
# NM without -B: gcc-nm takes -B as its own option, and BSD output is GNU
# nm's default.
AC_DEFUN([_RUST_LIBTOOL_NM],
[m4_provide_if([LT_INIT], [AS_IF([test -z "$rust_problem" && test -n "$NM"], [
AC_MSG_CHECKING([whether $NM lists Rust's objects without complaints])
_RUST_NM_QUIET([$NM])
AS_IF([test $rust_nm_ok = yes], [AC_MSG_RESULT([yes])], [
  _RUST_NM_QUIET([${ac_tool_prefix}gcc-nm])
  AS_IF([test $rust_nm_ok = yes],
    [AC_MSG_RESULT([no; using ${ac_tool_prefix}gcc-nm, which does])
     NM=${ac_tool_prefix}gcc-nm],
    [AC_MSG_RESULT([no (libtool links that list symbols will print its complaints)])])])])])
])# _RUST_LIBTOOL_NM


# _RUST_NM_QUIET(NM)
# ------------------
# rust_nm_ok=yes when NM lists the proof library's function and prints
# nothing on stderr (what it prints goes to config.log).
m4_define([_RUST_NM_QUIET],
[rust_nm_ok=no
if $1 conftest.rust/libconftest.a 2>conftest.nmerr | grep conftest_rust_sum >/dev/null &&
   test ! -s conftest.nmerr; then
  rust_nm_ok=yes
fi
sed 3q conftest.nmerr >&AS_MESSAGE_LOG_FD
rm -f conftest.nmerr])


# _RUST_CROSS_ENV
# ---------------
# When the Rust target is not rustc's own (build != host), tell cargo and the
# cc crate to use the project's C toolchain for it.  RUST_CROSS_ENV is a list
# of sh-quoted NAME=VALUE words, with $ doubled for make.
AC_DEFUN([_RUST_CROSS_ENV],
[AS_IF([test -z "$rust_problem" && test "x$RUST_TARGET" != "x$rust_rustc_host"], [
AS_IF([test -z "$AR"], [AC_CHECK_TOOL([AR], [ar], [ar])])
AC_MSG_CHECKING([the environment cargo needs to build for $RUST_TARGET])
rust_t_upper=`echo "$RUST_TARGET" | tr 'abcdefghijklmnopqrstuvwxyz.-' 'ABCDEFGHIJKLMNOPQRSTUVWXYZ__'`
rust_t_lower=`echo "$RUST_TARGET" | tr '.-' '__'`
rust_linker=$CC
case $CC in
  *@<:@\ \	@:>@*)
    # cargo runs the linker setting as one program: wrap CC's arguments.
    rust_linker=$ac_pwd/rust-cc-linker
    printf '@%:@! /bin/sh\nexec %s "$[@]"\n' "$CC" >"$rust_linker"
    chmod +x "$rust_linker" ;;
esac
RUST_CROSS_ENV=
for rust_kv in "CARGO_TARGET_${rust_t_upper}_LINKER=$rust_linker" \
    "CC_$rust_t_lower=$CC" "AR_$rust_t_lower=$AR" "CFLAGS_$rust_t_lower=$CFLAGS"; do
  rust_k=`expr "x$rust_kv" : 'x\(@<:@^=@:>@*\)'`
  rust_v=`expr "x$rust_kv" : 'x@<:@^=@:>@*=\(.*\)'`
  rust_v=$(printf '%s\n' "$rust_v" | sed -e "s/'/'\\\\''/g" -e 's/\$/$$/g')
  RUST_CROSS_ENV="$RUST_CROSS_ENV${RUST_CROSS_ENV:+ }$rust_k='$rust_v'"
done
AC_MSG_RESULT([$RUST_CROSS_ENV])
])
])# _RUST_CROSS_ENV


# _RUST_DECIDE(STAGE, REQUIRED-SINCE)
# -----------------------------------
# The staged policy.  with_rust becomes the outcome (yes or no).
#   --with-rust=no    quietly no (refused after the probes in the require stage)
#   --with-rust=yes   Rust must be usable, in every stage
#   auto (default)    usable: yes; else warn: warning (repeated at the end)
#                     and no; opt-out and require: error
AC_DEFUN([_RUST_DECIDE],
[rust_notice=
AS_IF([test "x$rust_refused_no" = xyes],
  [_RUST_REFUSE_NO([$2])],
  [test "x$rust_requested" = xno],
  [with_rust=no rust_why=--with-rust=no],
  [test -z "$rust_problem"],
  [with_rust=yes],
  [test "x$rust_no_target" = xyes],
  [_RUST_DECIDE_NO_TARGET([$1], [$2])],
  [test "x$rust_requested" = xyes],
  [AC_MSG_ERROR([--with-rust=yes, but Rust is not usable: $rust_problem.
  fix: $rust_fix]m4_if([$1], [require], [], [[
  or build without Rust: ./configure --with-rust=no]]))],
  [m4_case([$1],
  [warn], [with_rust=no rust_why=$rust_problem
    rust_notice="Rust is not usable, so this build has no Rust code: $rust_problem."
    rust_notice_fix="fix: $rust_fix.m4_ifval([$2], [ Rust will be required from $2 on.]) To build without Rust and without this warning, pass --with-rust=no."
    AC_MSG_WARN([$rust_notice])
    AC_MSG_WARN([$rust_notice_fix])],
  [opt-out], [AC_MSG_ERROR([Rust is not usable: $rust_problem.
  fix: $rust_fix
  or build without Rust: ./configure --with-rust=no])],
  [require], [AC_MSG_ERROR([Rust is required]m4_ifval([$2], [[ (since $2)]])[, but not usable: $rust_problem.
  fix: $rust_fix])])])
AS_IF([test "x$with_rust" = xyes],
  [WITH_RUST=yes RUST_TRUE= RUST_FALSE='#'],
  [WITH_RUST=no RUST_TRUE='#' RUST_FALSE=
   dnl Nothing of Rust may leak into the host's link when it is off.
   RUST_NATIVE_STATIC_LIBS= RUST_HIDE_LDFLAGS= RUST_GC_LDFLAGS= RUST_CROSS_ENV=])
_AS_ECHO_LOG([Rust: with_rust=$with_rust (requested: $rust_requested; problem: ${rust_problem:-none})])
])# _RUST_DECIDE


# _RUST_REFUSE_NO(REQUIRED-SINCE)
# -------------------------------
# --with-rust=no in the require stage, after the probes: the fix is to drop
# it where Rust is usable, else to make Rust usable (nothing, where Rust
# has no target for the host).
m4_define([_RUST_REFUSE_NO],
[AS_IF([test -z "$rust_problem"],
  [AC_MSG_ERROR([--with-rust=no is not supported: Rust is required since $1.
  fix: run configure without --with-rust=no (Rust is usable here: rustc $RUST_VERSION for $RUST_TARGET)])],
  [test "x$rust_no_target" = xyes],
  [AC_MSG_ERROR([--with-rust=no is not supported: Rust is required since $1, and $rust_problem.
  fix: none in this version, which needs Rust; a version from before $1 builds here with --with-rust=no])],
  [AC_MSG_ERROR([--with-rust=no is not supported: Rust is required since $1, and Rust is not usable here: $rust_problem.
  fix: $rust_fix; then run configure without --with-rust=no])])
])# _RUST_REFUSE_NO


# _RUST_DECIDE_NO_TARGET(STAGE, REQUIRED-SINCE)
# ---------------------------------------------
# Rust has no target for $host, so the only fix is a build without Rust:
# the warn stage makes one (--with-rust=auto), the others name
# --with-rust=no, alone; the require stage cannot build at all.
m4_define([_RUST_DECIDE_NO_TARGET],
[m4_case([$1],
  [require], [AC_MSG_ERROR([Rust is required]m4_ifval([$2], [[ (since $2)]])[, but $rust_problem.
  fix: none in this version, which needs Rust]m4_ifval([$2],
  [[; a version from before $2 builds here with --with-rust=no]]))],
  [opt-out], [AC_MSG_ERROR([Rust is not usable: $rust_problem.
  fix: build without Rust: ./configure --with-rust=no])],
  [AS_IF([test "x$rust_requested" = xyes],
    [AC_MSG_ERROR([--with-rust=yes, but $rust_problem.
  fix: build without Rust: ./configure --with-rust=no])])
   with_rust=no rust_why=$rust_problem
   rust_notice="Rust is not usable, so this build has no Rust code: $rust_problem."
   rust_notice_fix="fix: only a build without Rust, as this one is: pass --with-rust=no to build it without this warning.m4_ifval([$2], [ Rust will be required from $2 on.])"
   AC_MSG_WARN([$rust_notice])
   AC_MSG_WARN([$rust_notice_fix])])
])# _RUST_DECIDE_NO_TARGET


# _RUST_AUTOMAKE
# --------------
# Automake and libtool hosts.  automake writes each AC_SUBST variable at the
# top of Makefile.in, before its rules: RUST_LIBDIR, RUST_STAMP and
# RUST_LDFLAGS are set here too, so _DEPENDENCIES and _LIBADD can name them
# (Makefile.rust, included after automake's rules, sets them again the same).
# automake writes its own rule to remake Makefile.rust: the fragment's goes.
AC_DEFUN([_RUST_AUTOMAKE],
[RUST_LIBDIR=rust
AS_IF([test "x$with_rust" = xyes],
  [RUST_STAMP=$RUST_LIBDIR/build.stamp
   RUST_LDFLAGS="$RUST_HIDE_LDFLAGS $RUST_NATIVE_STATIC_LIBS"],
  [RUST_STAMP= RUST_LDFLAGS=])
dnl The names are split so that aclocal, which scans for them, does not put
dnl automake's macros into a project without automake: its AC_PROG_CC then
dnl wants the `compile' script, and autoreconf fails for want of it.
m4_provide_if([AM_][INIT_AUTOMAKE],
  [AM_][CONDITIONAL([WITH_RUST], [test "x$with_rust" = xyes])
   RUST_OWN_REGEN='#'],
  [RUST_OWN_REGEN=])
m4_provide_if([LT_INIT], [RUST_LIBTOOL=yes],
  [m4_provide_if([AC_PROG_LIBTOOL], [RUST_LIBTOOL=yes], [RUST_LIBTOOL=no])])
AC_SUBST([RUST_LIBDIR])
AC_SUBST([RUST_STAMP])
AC_SUBST([RUST_LDFLAGS])
AC_SUBST([RUST_OWN_REGEN])
AC_SUBST([RUST_LIBTOOL])
])# _RUST_AUTOMAKE


# _RUST_SUBST
# -----------
AC_DEFUN([_RUST_SUBST],
[AC_SUBST([WITH_RUST])
AC_SUBST([RUST_TRUE])
AC_SUBST([RUST_FALSE])
AC_SUBST([RUST_VERSION])
AC_SUBST([RUST_PROFILE])
AC_SUBST([RUST_LTO])
AC_SUBST([RUST_NATIVE_STATIC_LIBS])
AC_SUBST([RUST_HIDE_LDFLAGS])
AC_SUBST([RUST_GC_LDFLAGS])
AC_SUBST([RUST_CROSS_ENV])
AC_CONFIG_FILES([Makefile.rust])
])# _RUST_SUBST


# _RUST_SUMMARY
# -------------
# One line, printed just before config.status is written so that it shows
# the profile and LTO the host chose after RUST_CONFIGURE.
m4_define([_RUST_SUMMARY],
[AC_MSG_CHECKING([whether to build Rust code])
AS_IF([test "x$with_rust" = xyes],
  [rust_lto_note=
   test "x$RUST_LTO" = xyes && rust_lto_note=", LTO"
   AC_MSG_RESULT([yes (rustc $RUST_VERSION, target $RUST_TARGET, $RUST_PROFILE$rust_lto_note)])],
  [AC_MSG_RESULT([no ($rust_why)])])
])# _RUST_SUMMARY


# RUST_SET_PROFILE(release|debug)
# -------------------------------
# The cargo profile of the Rust code (default release).  The argument may be
# a shell expression, e.g. RUST_SET_PROFILE([$my_profile]).
AC_DEFUN([RUST_SET_PROFILE],
[m4_ifdef([_RUST_CONFIGURED], [],
  [m4_fatal([$0 must come after RUST_CONFIGURE])])dnl
case $1 in
  release|debug) RUST_PROFILE=$1 ;;
  *) AC_MSG_ERROR([RUST_@&t@SET_PROFILE: '$1' is not a profile: use release or debug]) ;;
esac
])# RUST_SET_PROFILE


# RUST_SET_LTO(yes|no)
# --------------------
# Whether cargo builds the Rust code with LTO (default no).
AC_DEFUN([RUST_SET_LTO],
[m4_ifdef([_RUST_CONFIGURED], [],
  [m4_fatal([$0 must come after RUST_CONFIGURE])])dnl
case $1 in
  yes|no) RUST_LTO=$1 ;;
  *) AC_MSG_ERROR([RUST_@&t@SET_LTO: '$1' is not yes or no]) ;;
esac
])# RUST_SET_LTO


# RUST_FINAL_NOTICE
# -----------------
# Call after AC_OUTPUT: repeats the warn-stage warning so that it is the last
# thing configure prints.  Prints nothing when Rust is used or was disabled
# on purpose; harmless when called twice.
AC_DEFUN([RUST_FINAL_NOTICE],
[AS_IF([test -n "$rust_notice"],
  [AC_MSG_WARN([$rust_notice])
   AC_MSG_WARN([$rust_notice_fix])
   rust_notice=])
])# RUST_FINAL_NOTICE


dnl BEGIN GENERATED platform table: edit tools/src/platforms.rs, then run cargo regen
# _RUST_HOST_TABLE(TRIPLE)
# ------------------------
# Set rust_table_target to the Rust triple of the GNU triple TRIPLE ($host,
# or what the C compiler builds for), to `none' when Rust has no target
# for its architecture, or to empty.
AC_DEFUN([_RUST_HOST_TABLE],
[case $1 in
  x86_64-*-linux-gnu) rust_table_target=x86_64-unknown-linux-gnu ;; # Debian: amd64; PEP 11 tier: 1 (glibc, gcc), 2 (glibc, clang); Rust tier: 1
  aarch64-*-linux-gnu) rust_table_target=aarch64-unknown-linux-gnu ;; # Debian: arm64; PEP 11 tier: 2 (glibc, gcc), 2 (glibc, clang); Rust tier: 1
  i?86-*-linux-gnu) rust_table_target=i686-unknown-linux-gnu ;; # Debian: i386; PEP 11 tier: none; Rust tier: 1
  arm*-*-linux-gnueabihf) rust_table_target=armv7-unknown-linux-gnueabihf ;; # Debian: armhf; PEP 11 tier: 3 (glibc, gcc); Rust tier: 2
  powerpc64le-*-linux-gnu) rust_table_target=powerpc64le-unknown-linux-gnu ;; # Debian: ppc64el; PEP 11 tier: 3 (glibc, gcc); Rust tier: 2
  s390x-*-linux-gnu) rust_table_target=s390x-unknown-linux-gnu ;; # Debian: s390x; PEP 11 tier: 3 (glibc, gcc); Rust tier: 2
  riscv64*-*-linux-gnu) rust_table_target=riscv64gc-unknown-linux-gnu ;; # Debian: riscv64; PEP 11 tier: none; Rust tier: 2
  arm-*-linux-gnueabi) rust_table_target=armv5te-unknown-linux-gnueabi ;; # Debian: armel; PEP 11 tier: none; Rust tier: 2
  armv5*-*-linux-gnueabi) rust_table_target=armv5te-unknown-linux-gnueabi ;; # PEP 11 tier: none; Rust tier: 2
  mips64el-*-linux-gnuabi64) rust_table_target=mips64el-unknown-linux-gnuabi64 ;; # Debian: mips64el; PEP 11 tier: none; Rust tier: 3
  mipsel-*-linux-gnu) rust_table_target=mipsel-unknown-linux-gnu ;; # Debian: mipsel; PEP 11 tier: none; Rust tier: 3
  x86_64-*-linux-gnux32) rust_table_target=x86_64-unknown-linux-gnux32 ;; # Debian: x32; PEP 11 tier: none; Rust tier: 2
  sparc64-*-linux-gnu) rust_table_target=sparc64-unknown-linux-gnu ;; # Debian: sparc64; PEP 11 tier: none; Rust tier: 2
  powerpc-*-linux-gnu) rust_table_target=powerpc-unknown-linux-gnu ;; # Debian: powerpc; PEP 11 tier: none; Rust tier: 2
  powerpc64-*-linux-gnu) rust_table_target=powerpc64-unknown-linux-gnu ;; # Debian: ppc64; PEP 11 tier: none; Rust tier: 2
  m68k-*-linux-gnu) rust_table_target=m68k-unknown-linux-gnu ;; # Debian: m68k; PEP 11 tier: none; Rust tier: 3
  loongarch64-*-linux-gnu) rust_table_target=loongarch64-unknown-linux-gnu ;; # Debian: loong64; PEP 11 tier: none; Rust tier: 2
  x86_64-*-linux-musl) rust_table_target=x86_64-unknown-linux-musl ;; # PEP 11 tier: none; Rust tier: 2
  aarch64-*-linux-musl) rust_table_target=aarch64-unknown-linux-musl ;; # PEP 11 tier: none; Rust tier: 2
  i?86-*-linux-musl) rust_table_target=i686-unknown-linux-musl ;; # PEP 11 tier: none; Rust tier: 2
  armv7*-*-linux-musleabihf) rust_table_target=armv7-unknown-linux-musleabihf ;; # PEP 11 tier: none; Rust tier: 2
  powerpc64le-*-linux-musl) rust_table_target=powerpc64le-unknown-linux-musl ;; # PEP 11 tier: none; Rust tier: 2
  riscv64*-*-linux-musl) rust_table_target=riscv64gc-unknown-linux-musl ;; # PEP 11 tier: none; Rust tier: 2
  aarch64-*-linux-android*) rust_table_target=aarch64-linux-android ;; # PEP 11 tier: 3 (clang, Android NDK); Rust tier: 2
  x86_64-*-linux-android*) rust_table_target=x86_64-linux-android ;; # PEP 11 tier: 3 (clang, Android NDK); Rust tier: 2
  arm*-*-linux-androideabi*) rust_table_target=armv7-linux-androideabi ;; # PEP 11 tier: none; Rust tier: 2
  i?86-*-linux-android*) rust_table_target=i686-linux-android ;; # PEP 11 tier: none; Rust tier: 2
  aarch64-apple-ios*-simulator) rust_table_target=aarch64-apple-ios-sim ;; # PEP 11 tier: 3 (clang, Xcode); Rust tier: 2
  x86_64-apple-ios*-simulator) rust_table_target=x86_64-apple-ios ;; # PEP 11 tier: none; Rust tier: 2
  aarch64-apple-ios*) rust_table_target=aarch64-apple-ios ;; # PEP 11 tier: 3 (clang, Xcode); Rust tier: 2
  aarch64-apple-darwin*) rust_table_target=aarch64-apple-darwin ;; # PEP 11 tier: 1 (clang); Rust tier: 1
  x86_64-apple-darwin*) rust_table_target=x86_64-apple-darwin ;; # PEP 11 tier: 1 (BSD libc, clang); Rust tier: 2
  x86_64-*-mingw*) rust_table_target=x86_64-pc-windows-gnu ;; # PEP 11 tier: none; Rust tier: 1
  i?86-*-mingw*) rust_table_target=i686-pc-windows-gnu ;; # PEP 11 tier: none; Rust tier: 2
  aarch64-*-mingw*) rust_table_target=aarch64-pc-windows-gnullvm ;; # PEP 11 tier: none; Rust tier: 2
  x86_64-*-windows-msvc*) rust_table_target=x86_64-pc-windows-msvc ;; # PEP 11 tier: 1 (MSVC); Rust tier: 1
  i?86-*-windows-msvc*) rust_table_target=i686-pc-windows-msvc ;; # PEP 11 tier: 1 (MSVC); Rust tier: 1
  aarch64-*-windows-msvc*) rust_table_target=aarch64-pc-windows-msvc ;; # PEP 11 tier: 3 (MSVC); Rust tier: 1
  x86_64-*-freebsd*) rust_table_target=x86_64-unknown-freebsd ;; # PEP 11 tier: 3 (BSD libc, clang); Rust tier: 2
  aarch64-*-freebsd*) rust_table_target=aarch64-unknown-freebsd ;; # PEP 11 tier: none; Rust tier: 3
  i?86-*-freebsd*) rust_table_target=i686-unknown-freebsd ;; # PEP 11 tier: none; Rust tier: 2
  i?86-pc-gnu*) rust_table_target=i686-unknown-hurd-gnu ;; # Debian: hurd-i386; PEP 11 tier: none; Rust tier: 3
  x86_64-pc-gnu*) rust_table_target=x86_64-unknown-hurd-gnu ;; # Debian: hurd-amd64; PEP 11 tier: none; Rust tier: 3
  wasm32-*-wasip2*) rust_table_target=wasm32-wasip2 ;; # PEP 11 tier: none; Rust tier: 2
  wasm32-*-wasi*) rust_table_target=wasm32-wasip1 ;; # PEP 11 tier: 2 (WASI SDK, wasmtime); Rust tier: 2
  wasm32-*-emscripten*) rust_table_target=wasm32-unknown-emscripten ;; # PEP 11 tier: none; Rust tier: 2
  alpha*-*-*) rust_table_target=none ;; # Debian: alpha; PEP 11 tier: none; no Rust target
  hppa*-*-*) rust_table_target=none ;; # Debian: hppa; PEP 11 tier: none; no Rust target
  ia64-*-*) rust_table_target=none ;; # Debian: ia64; PEP 11 tier: none; no Rust target
  sh*-*-*) rust_table_target=none ;; # Debian: sh4; PEP 11 tier: none; no Rust target
  *) rust_table_target= ;;
esac])
dnl END GENERATED platform table
