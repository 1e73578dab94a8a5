# fish completion for caprune, generated from its command model by `caprune completion fish`.
# Save as ~/.config/fish/completions/caprune.fish, or run: caprune completion fish | source

# Prints the (sub)command selected by the words typed so far, e.g. 'caprune sandbox'.
function __caprune_command_path
    set -l path caprune
    for token in (commandline -opc)[2..-1]
        switch "$path $token"
            case 'caprune sandbox' 'caprune completion'
                set path "$path $token"
        end
    end
    echo $path
end

function __caprune_at
    test (__caprune_command_path) = "$argv"
end

# Files only where an option or parameter takes one.
complete -c caprune -f

# caprune
complete -c caprune -n '__caprune_at caprune' -a 'sandbox' -d 'Serve a local CodeArtifact-compatible endpoint (no AWS account needed).'
complete -c caprune -n '__caprune_at caprune' -a 'completion' -d 'Print the shell completion script for caprune.'
complete -c caprune -n '__caprune_at caprune' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c caprune -n '__caprune_at caprune' -s 'q' -l 'quiet' -d 'Only errors on stderr: no progress, no warnings.'
complete -c caprune -n '__caprune_at caprune' -s 'v' -l 'verbose' -d 'More detail on stderr: -v progress lines, -vv debug, -vvv SDK wire debug.'
complete -c caprune -n '__caprune_at caprune' -s 'V' -l 'version' -d 'Print version information and exit.'

# caprune sandbox
complete -c caprune -n '__caprune_at caprune sandbox' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c caprune -n '__caprune_at caprune sandbox' -s 'q' -l 'quiet' -d 'Only errors on stderr: no progress, no warnings.'
complete -c caprune -n '__caprune_at caprune sandbox' -s 'v' -l 'verbose' -d 'More detail on stderr: -v progress lines, -vv debug, -vvv SDK wire debug.'
complete -c caprune -n '__caprune_at caprune sandbox' -s 'V' -l 'version' -d 'Print version information and exit.'

# caprune completion
complete -c caprune -n '__caprune_at caprune completion' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c caprune -n '__caprune_at caprune completion' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c caprune -n '__caprune_at caprune completion' -a 'bash zsh fish' -d 'The shell: bash, zsh, fish.'
