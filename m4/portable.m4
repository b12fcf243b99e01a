# m4/portable.m4 - MT_CHECK_PLATFORM: choose the platform seam's
# implementation (src/os/, see src/os/os.h).
#
# Linux hosts build os_linux.c by default (sigwaitinfo, pidfds, queued
# 32-byte words, O_TMPFILE, renameat2); --enable-portable builds
# os_posix.c instead (SA_SIGINFO handlers and pselect, kill, temp names
# and link/rename, getentropy; the classic transport only), so that the
# code paths of macOS and the BSDs run in this suite.  Every other host
# (*-darwin*, *bsd*, ...) gets os_posix.c by itself; --disable-portable
# there is an error.  Defines MT_PORTABLE and the automake conditional
# MT_PORTABLE.
AC_DEFUN([MT_CHECK_PLATFORM], [
AC_REQUIRE([AC_CANONICAL_HOST])
AC_ARG_ENABLE([portable],
  [AS_HELP_STRING([--enable-portable],
    [build the POSIX platform layer (classic transport only), as on macOS;
     the default on every host but Linux])],
  [], [AS_CASE([$host_os], [linux*], [enable_portable=no], [enable_portable=yes])])
AS_CASE([$enable_portable],
  [yes], [
    AC_DEFINE([MT_PORTABLE], [1],
      [Define to 1 for the POSIX platform layer (src/os/os_posix.c).])
    AC_CHECK_FUNCS([sigaction pselect mkostemp linkat renameat], [],
      [AC_MSG_ERROR([a required POSIX function is missing])])
    AC_CHECK_FUNCS([getentropy renameatx_np])],
  [no], [
    AS_CASE([$host_os], [linux*], [],
      [AC_MSG_ERROR([--disable-portable: the Linux platform layer needs a Linux host, not $host_os])])
    AC_CHECK_FUNCS([sigtimedwait sigwaitinfo renameat2 mkostemp], [],
      [AC_MSG_ERROR([a required Linux function is missing (or use --enable-portable)])])
    AC_CHECK_DECLS([SYS_pidfd_open, SYS_pidfd_send_signal], [], [],
      [[#include <sys/syscall.h>]])],
  [AC_MSG_ERROR([--enable-portable takes yes or no, not $enable_portable])])
AC_MSG_CHECKING([for the platform layer])
AS_IF([test "x$enable_portable" = xyes],
  [AC_MSG_RESULT([POSIX (src/os/os_posix.c): classic transport only])],
  [AC_MSG_RESULT([Linux (src/os/os_linux.c)])])
AM_CONDITIONAL([MT_PORTABLE], [test "x$enable_portable" = xyes])
AC_SUBST([MT_PORTABLE_BUILD], [$enable_portable])
])
