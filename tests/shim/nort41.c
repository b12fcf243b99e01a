/* nort41.c - LD_PRELOAD shim for tests: a system whose last real-time
 * signal is 40, so a receiver cannot offer the fast transport (it needs
 * signal 41) and must answer a sender that asks for it with the classic
 * one, as a receiver from before the fast transport does. */
int __libc_current_sigrtmax(void);

int __libc_current_sigrtmax(void)
{
	return 40;
}
