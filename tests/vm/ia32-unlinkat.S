/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A static 32-bit x86 program without libc for test_vm_mix.sh: 2000
 * unlinkat() calls through ia32's own number (301) on a name that does not
 * exist, then exit(0). Its calls reach sys_enter as compat calls.
 */
	.globl _start
	.text
_start:
	mov $2000, %esi
1:
	mov $301, %eax		/* __NR_unlinkat on i386 */
	mov $-100, %ebx		/* AT_FDCWD */
	lea path, %ecx
	xor %edx, %edx		/* flags */
	int $0x80
	dec %esi
	jnz 1b
	mov $1, %eax		/* __NR_exit on i386 */
	xor %ebx, %ebx
	int $0x80

	.data
path:	.asciz "/hookbench-absent-ia32"
	.section .note.GNU-stack, "", @progbits
