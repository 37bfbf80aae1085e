#!/usr/bin/env python3
# check-options.py PROGRAM PAGE — fails when a man page has gone stale: every
# command that "PROGRAM --help" lists, and every subcommand that a command's
# own --help names ("members add", "connector edit"), must have its section
# in PAGE, every option of every command's --help must be named in that
# section, and every global option, connector kind and exit status must be
# there too. For the
# application (no "Commands:" in its help), its options must be in PAGE.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys

program, page = sys.argv[1], sys.argv[2]
env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", LANG="C.UTF-8")
problems = []


def help_of(*args):
    result = subprocess.run([program, *args, "--help"], env=env,
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        sys.exit(f"{program} {' '.join(args)} --help failed ({result.returncode}): {result.stderr}")
    return result.stdout


def plain(troff):
    """The words of troff source, without its escapes."""
    text = re.sub(r"\\f[BIRP]", "", troff)
    for escape, char in (("\\-", "-"), ("\\%", ""), ("\\&", ""), ("\\|", ""),
                         ("\\(aq", "'"), ("\\e", "\\")):
        text = text.replace(escape, char)
    return text


def options_of(help_text):
    """The long options of the "Application Options" part of a --help."""
    options = []
    in_options = False
    for line in help_text.splitlines():
        if line.endswith("Options:"):
            in_options = line.startswith("Application")
            continue
        if in_options:
            if not line.strip():
                in_options = False
                continue
            # "  -y, --yes    Apply…": the first column names the option.
            spec = re.split(r"\s{2,}", line.strip())[0]
            options += re.findall(r"--[a-z][a-z-]*", spec)
    return options


source = open(page, encoding="utf-8").read()
# Sections: ".SS heading" up to the next .SS or .SH, and the .SH ones.
sections = {}
current = None
for line in source.splitlines():
    match = re.match(r'^\.S([SH]) "?(.*?)"?$', line)
    if match:
        current = (match.group(1), plain(match.group(2)))
        sections[current] = current[1] + "\n"
    elif current is not None:
        # ".B 0" and ".BR \-\-yes ," read as "0" and "--yes ,"
        words = re.sub(r"^\.[A-Za-z]+\s*", "", line).replace('"', "")
        sections[current] += plain(words) + "\n"

main_help = help_of()
if "Commands:" not in main_help:
    # The application: its options, all in the page.
    options_text = sections.get(("H", "OPTIONS"), "")
    for option in options_of(main_help):
        if not re.search(rf"(^|\s){option}(?![\w-])", options_text, re.M):
            problems.append(f"OPTIONS of {page} does not describe {option}")
else:
    globals_text = sections.get(("H", "GLOBAL OPTIONS"), "")
    for option in options_of(main_help):
        if option not in globals_text:
            problems.append(f"GLOBAL OPTIONS of {page} does not describe {option}")

    commands = []
    lines = main_help.split("Commands:", 1)[1].splitlines()
    for line in lines[1:]:
        if not line.startswith("  "):
            break
        if line.startswith("   "):
            continue    # the summary of a long command line, on a line of its own
        words = []
        for word in line.split():
            if not re.fullmatch(r"[a-z][a-z-]*(\|[a-z][a-z-]*)*", word):
                break
            words.append(word)
        if not words:
            problems.append(f"cannot read the command of “{line.strip()}” in --help")
            continue
        for last in words[-1].split("|"):
            commands.append(tuple(words[:-1] + [last]))

    # The subcommands a command's --help names: in its usage line
    # ("connector add|edit|list …"), its "Commands:" lines, or quoted in its
    # description ("“members add”, “headcount-cli history show RUN”").
    for command in list(dict.fromkeys(c[0] for c in commands)):
        text = "\n".join(line for line in help_of(command).splitlines()
                         if not re.match(r"^\s+-", line))
        pattern = (r"(?:^\s+|“|“headcount-cli |\] )" + re.escape(command)
                   + r" ((?:[a-z][a-z-]*)(?:\|[a-z][a-z-]*)*)(?![\w-])")
        for match in re.finditer(pattern, text, re.M):
            for sub in match.group(1).split("|"):
                commands.append((command, sub))

    global_options = set(options_of(main_help))
    for command in dict.fromkeys(commands):
        name = " ".join(command)
        found = [body for (level, heading), body in sections.items()
                 if level == "S" and heading.split()[:len(command)] == list(command)]
        if not found:
            problems.append(f"{page} has no section for the command “{name}”")
            continue
        body = "".join(found)
        for option in options_of(help_of(*command)):
            if option not in global_options and option not in body:
                problems.append(f"{page} does not describe the option {option} of “{name}”")

    kinds = re.search(r"^Kinds: (.*)\.$", help_of("connector", "add"), re.M)
    if kinds is None:
        problems.append("“connector add --help” names no kinds")
    else:
        section = "".join(body for (level, heading), body in sections.items()
                          if heading.startswith("connector add"))
        for kind in kinds.group(1).split(", "):
            if not re.search(rf"\b{kind}\b", section):
                problems.append(f"{page} does not name the connector kind {kind}")

    exit_line = re.search(r"^Exit status: (.*)\.$", main_help, re.M)
    statuses = sections.get(("H", "EXIT STATUS"), "")
    if exit_line is None:
        problems.append("--help gives no exit status")
    else:
        for code in re.findall(r"(\d+) [a-z]", exit_line.group(1)):
            if not re.search(rf"^{code}$", statuses, re.M):
                problems.append(f"EXIT STATUS of {page} does not describe {code}")

for problem in problems:
    print(problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"{page} describes every command and option of {os.path.basename(program)} --help")
