/* SPDX-License-Identifier: GPL-2.0-only */
/* hookbench subcommands: each gets its own argv (argv[0] is the subcommand). */
#ifndef HB_COMMANDS_H
#define HB_COMMANDS_H

int cmd_list(int argc, char **argv);
int cmd_run(int argc, char **argv, int main_argc, char **main_argv);
int cmd_tax(int argc, char **argv);
int cmd_mix(int argc, char **argv);
int cmd_vm(int argc, char **argv);
int cmd_census(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_hyperfine(int argc, char **argv);
int cmd_recover(int argc, char **argv);
int cmd_bundle(int argc, char **argv);

#endif
