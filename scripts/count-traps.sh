#!/usr/bin/env bash
# Counts the traps in Sources/: `try!`, forced casts `as!` and force-unwraps `x!` (postfix `!`
# after a name, `)` or `]`, not `!=`), outside comments and string literals.
# Usage: scripts/count-traps.sh [--list] [DIR...]   (default DIR: Sources)
# Prints the total on the last line; with --list, every trap as file:line: text first.
set -euo pipefail
cd "$(dirname "$0")/.."
list=0
if [[ "${1:-}" == "--list" ]]; then list=1; shift; fi
dirs=("$@"); [[ ${#dirs[@]} -gt 0 ]] || dirs=(Sources)
find "${dirs[@]}" -name '*.swift' -print0 | sort -z | xargs -0 perl -e '
    my ($list, $total) = (shift @ARGV, 0);
    for my $file (@ARGV) {
        open(my $fh, "<", $file) or die "$file: $!";
        my ($inBlock, $inMulti) = (0, 0);
        while (my $line = <$fh>) {
            my $code = $line;
            if ($inMulti) { if ($code =~ s/^.*?"""//) { $inMulti = 0 } else { next } }
            if ($inBlock) { if ($code =~ s/^.*?\*\///) { $inBlock = 0 } else { next } }
            $code =~ s/"(?:[^"\\]|\\.)*"/""/g;            # string literals
            if ($code =~ s/"""(?!.*""").*$//) { $inMulti = 1 }
            $code =~ s/\/\*.*?\*\///g;                     # one-line block comments
            if ($code =~ s/\/\*.*$//) { $inBlock = 1 }
            $code =~ s/\/\/.*$//;                          # line comments
            my $n = () = $code =~ /(?:\btry!|\bas!|[\w)\]]!(?!=))/g;
            next unless $n > 0;
            $total += $n;
            chomp $line; $line =~ s/^\s+//;
            print "$file:$.: $line\n" if $list;
        }
        close $fh;
    }
    print "$total\n";
' "$list"
