# SPDX-License-Identifier: GPL-2.0-only
"""The VM runner's modules; scripts/hookbench-vm is its command line."""
