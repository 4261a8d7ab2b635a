/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nonetlink: run a command that cannot open netlink sockets, as under a
 * service manager's sandbox (systemd's RestrictAddressFamilies= without
 * AF_NETLINK): socket(AF_NETLINK, ...) fails with EAFNOSUPPORT, the answer
 * a kernel gives for an address family it does not have.  With -g only
 * NETLINK_GENERIC sockets are refused.  A seccomp filter does it; it is
 * inherited by everything the command runs.
 *
 *   nonetlink [-g] COMMAND [ARG...]
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/seccomp.h>

#define ARG(n)	offsetof(struct seccomp_data, args[n])

int
main(int argc, char **argv)
{
	int generic_only = argc > 1 && strcmp(argv[1], "-g") == 0;
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(0)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_NETLINK, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(2)),
		/* -g: any protocol but NETLINK_GENERIC is let through. */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NETLINK_GENERIC, 1,
		    generic_only ? 0 : 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAFNOSUPPORT),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	argv += 1 + generic_only;
	if (*argv == NULL) {
		fprintf(stderr, "usage: nonetlink [-g] COMMAND [ARG...]\n");
		return 126;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
		perror("nonetlink: seccomp");
		return 126;
	}
	execvp(argv[0], argv);
	perror(argv[0]);
	return 126;
}
