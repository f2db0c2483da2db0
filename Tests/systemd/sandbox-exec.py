#!/usr/bin/env python3
"""Run a command under the system-call policy of a systemd service unit, without systemd.

    sandbox-exec.py --unit systemd/exitreadyd.service [--print-allowed]
                    [--listen PATH] [-- COMMAND [ARG...]]

The CI machine has no systemd as PID 1, so the unit cannot be started for real. This script
applies the parts of the unit that decide whether a program works at all under it, with the
same kernel mechanism systemd uses (a seccomp filter, built with libseccomp):

  SystemCallFilter=          every line, in order, groups expanded by `systemd-analyze
                             syscall-filter` (so the groups are the installed systemd's)
  SystemCallErrorNumber=     the errno of a denied call (without it the call kills the process)
  SystemCallArchitectures=   native: only the native ABI (libseccomp's default)
  MemoryDenyWriteExecute=    mmap() with PROT_WRITE|PROT_EXEC and mprotect()/pkey_mprotect()
                             with PROT_EXEC fail with EPERM, as systemd does it
  RestrictAddressFamilies=   socket() with another family fails with EAFNOSUPPORT
  NoNewPrivileges=           PR_SET_NO_NEW_PRIVS

It does not create namespaces or switch users; the file-system directives are checked by
`systemd-analyze verify` and described in exitreadyd(8). The exit status is the command's.
--print-allowed prints the effective allow list instead. To see which calls a program makes
that the filter denies, compare `strace -f -c PROGRAM` with that list.

--listen PATH passes a listening Unix stream socket bound at PATH (mode 0660) the way socket
activation does: as file descriptor 3, with LISTEN_FDS=1 and LISTEN_PID set to the command's
process id (the script execs the command in its own process).
"""

import argparse
import ctypes
import ctypes.util
import errno
import os
import shlex
import socket
import subprocess
import sys

SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_ACT_KILL_PROCESS = 0x80000000


def scmp_act_errno(code):
    return 0x00050000 | (code & 0x0000FFFF)


SCMP_CMP_NE = 1
SCMP_CMP_MASKED_EQ = 7
PROT_WRITE = 0x2
PROT_EXEC = 0x4
PR_SET_NO_NEW_PRIVS = 38


class ScmpArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def unit_settings(path):
    """The [Service] assignments of a unit file, as (key, value) in order (continuations joined)."""
    settings, section, pending = [], None, ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = pending + raw.rstrip("\n")
            pending = ""
            if line.endswith("\\"):
                pending = line[:-1] + " "
                continue
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("["):
                section = line.strip("[]")
                continue
            if section == "Service" and "=" in line:
                key, value = line.split("=", 1)
                settings.append((key.strip(), value.strip()))
    return settings


_group_cache = {}


def expand(item):
    """Expand a system call name or @group into names, recursively, using systemd-analyze."""
    if not item.startswith("@"):
        return {item}
    if item not in _group_cache:
        out = subprocess.run(["systemd-analyze", "syscall-filter", "--no-pager", item],
                             check=True, capture_output=True, text=True).stdout
        names = set()
        for line in out.splitlines()[1:]:
            word = line.strip().split(" ")[0] if line.strip() else ""
            if word and not word.startswith("#"):
                names |= expand(word)
        if not names:
            raise SystemExit(f"sandbox-exec: unknown system call group {item}")
        _group_cache[item] = names
    return _group_cache[item]


def syscall_policy(settings):
    """(allow list or None, deny set) after all SystemCallFilter= lines, systemd's semantics."""
    allow, deny = None, set()
    for key, value in settings:
        if key != "SystemCallFilter":
            continue
        if value == "":
            allow, deny = None, set()
            continue
        invert = value.startswith("~")
        names = set()
        for word in shlex.split(value.lstrip("~")):
            names |= expand(word.split(":")[0])
        if allow is None and not deny:
            if invert:
                deny = names
            else:
                allow = set(names)
        elif allow is not None:
            allow = allow - names if invert else allow | names
        else:
            deny = deny | names if invert else deny - names
    return allow, deny


def last(settings, key, default=None):
    values = [v for k, v in settings if k == key]
    return values[-1] if values else default


def truthy(value):
    return value is not None and value.lower() in ("1", "yes", "true", "on")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", required=True)
    parser.add_argument("--print-allowed", action="store_true")
    parser.add_argument("--listen", metavar="PATH")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    settings = unit_settings(args.unit)
    allow, deny = syscall_policy(settings)
    if args.print_allowed:
        print("\n".join(sorted(allow - deny if allow is not None else deny)))
        return 0
    if not command:
        parser.error("no command")

    libname = ctypes.util.find_library("seccomp") or "libseccomp.so.2"
    lib = ctypes.CDLL(libname, use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int,
                                           ctypes.c_uint, ctypes.POINTER(ScmpArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_attr_set.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint32]

    def rule(ctx, action, name, *cmps):
        nr = lib.seccomp_syscall_resolve_name(name.encode())
        if nr < 0:
            return  # not a system call of this architecture
        arr = (ScmpArgCmp * max(1, len(cmps)))(*cmps) if cmps else None
        rc = lib.seccomp_rule_add_array(ctx, action, nr, len(cmps), arr)
        if rc < 0:
            raise SystemExit(f"sandbox-exec: seccomp_rule_add({name}): {os.strerror(-rc)}")

    err = last(settings, "SystemCallErrorNumber")
    denied_action = scmp_act_errno(getattr(errno, err)) if err else SCMP_ACT_KILL_PROCESS
    mdwe = truthy(last(settings, "MemoryDenyWriteExecute"))
    exec_guarded = {"mmap", "mprotect", "pkey_mprotect"} if mdwe else set()

    contexts = []
    if allow is not None:
        ctx = lib.seccomp_init(denied_action)
        for name in sorted(allow - deny - exec_guarded):
            rule(ctx, SCMP_ACT_ALLOW, name)
        if mdwe:
            for prot in (0, PROT_WRITE, PROT_EXEC):
                rule(ctx, SCMP_ACT_ALLOW, "mmap", ScmpArgCmp(2, SCMP_CMP_MASKED_EQ, PROT_WRITE | PROT_EXEC, prot))
            for name in ("mprotect", "pkey_mprotect"):
                rule(ctx, SCMP_ACT_ALLOW, name, ScmpArgCmp(2, SCMP_CMP_MASKED_EQ, PROT_EXEC, 0))
        contexts.append(ctx)
    else:
        ctx = lib.seccomp_init(SCMP_ACT_ALLOW)
        for name in sorted(deny):
            rule(ctx, denied_action, name)
        if mdwe:
            rule(ctx, scmp_act_errno(errno.EPERM), "mmap",
                 ScmpArgCmp(2, SCMP_CMP_MASKED_EQ, PROT_WRITE | PROT_EXEC, PROT_WRITE | PROT_EXEC))
            for name in ("mprotect", "pkey_mprotect"):
                rule(ctx, scmp_act_errno(errno.EPERM), name, ScmpArgCmp(2, SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC))
        contexts.append(ctx)

    families = last(settings, "RestrictAddressFamilies")
    if families and not families.startswith("~"):
        allowed = [getattr(socket, f) for f in families.split()]
        if len(allowed) == 1:
            ctx = lib.seccomp_init(SCMP_ACT_ALLOW)
            rule(ctx, scmp_act_errno(errno.EAFNOSUPPORT), "socket", ScmpArgCmp(0, SCMP_CMP_NE, allowed[0], 0))
            contexts.append(ctx)
        else:
            raise SystemExit("sandbox-exec: only a single allowed address family is implemented")

    env = dict(os.environ)
    if args.listen:
        if os.path.exists(args.listen):
            os.unlink(args.listen)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(args.listen)
        os.chmod(args.listen, 0o660)
        listener.listen(128)
        if listener.fileno() == 3:
            os.set_inheritable(3, True)
            listener.detach()
        else:
            os.dup2(listener.fileno(), 3, inheritable=True)
            listener.close()
        env.update(LISTEN_FDS="1", LISTEN_PID=str(os.getpid()), LISTEN_FDNAMES=os.path.basename(args.listen))

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SystemExit("sandbox-exec: PR_SET_NO_NEW_PRIVS failed")
    # The main filter last: it does not allow seccomp() itself.
    for ctx in reversed(contexts):
        rc = lib.seccomp_load(ctx)
        if rc < 0:
            raise SystemExit(f"sandbox-exec: seccomp_load: {os.strerror(-rc)}")
    try:
        os.execvpe(command[0], command, env)
    except OSError as e:
        raise SystemExit(f"sandbox-exec: {command[0]}: {e.strerror}")


if __name__ == "__main__":
    sys.exit(main())
