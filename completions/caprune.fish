# fish completion for caprune, generated from its command model by `caprune completion fish`.
# Save as ~/.config/fish/completions/caprune.fish, or run: caprune completion fish | source

# Prints the (sub)command selected by the words typed so far, e.g. 'caprune sandbox'.
function __caprune_command_path
    set -l path caprune
    for token in (commandline -opc)[2..-1]
        switch "$path $token"
            case 'caprune versions' 'caprune delete' 'caprune sandbox' 'caprune completion'
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
complete -c caprune -n '__caprune_at caprune' -a 'versions' -d 'List the package versions that match the filters (read-only).'
complete -c caprune -n '__caprune_at caprune' -a 'delete' -d 'Delete the package versions that match the filters.'
complete -c caprune -n '__caprune_at caprune' -a 'sandbox' -d 'Serve a local CodeArtifact-compatible endpoint (no AWS account needed).'
complete -c caprune -n '__caprune_at caprune' -a 'completion' -d 'Print the shell completion script for caprune.'
complete -c caprune -n '__caprune_at caprune' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c caprune -n '__caprune_at caprune' -s 'q' -l 'quiet' -d 'Only errors on stderr: no progress, no warnings.'
complete -c caprune -n '__caprune_at caprune' -s 'v' -l 'verbose' -d 'More detail on stderr: -v progress lines, -vv debug, -vvv SDK wire debug.'
complete -c caprune -n '__caprune_at caprune' -s 'V' -l 'version' -d 'Print version information and exit.'

# caprune versions
complete -c caprune -n '__caprune_at caprune versions' -l 'concurrency' -r -d 'Packages worked on at once (default: 8).'
complete -c caprune -n '__caprune_at caprune versions' -l 'domain' -r -d 'Domain name.'
complete -c caprune -n '__caprune_at caprune versions' -l 'domain-owner' -r -d '12-digit account that owns the domain (default: your account).'
complete -c caprune -n '__caprune_at caprune versions' -l 'endpoint-url' -r -d 'Call this endpoint instead of AWS\'s, e.g.'
complete -c caprune -n '__caprune_at caprune versions' -l 'exclude-package' -r -d 'Never packages that match (repeatable).'
complete -c caprune -n '__caprune_at caprune versions' -l 'exclude-version' -r -d 'Never versions that match (repeatable).'
complete -c caprune -n '__caprune_at caprune versions' -l 'format' -r -a 'npm pypi maven nuget generic ruby swift cargo' -d 'Only this package format: npm, pypi, maven, nuget, generic, ruby, swift, cargo.'
complete -c caprune -n '__caprune_at caprune versions' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c caprune -n '__caprune_at caprune versions' -l 'max-attempts' -r -d 'Attempts per call on throttling, 5xx and lost answers (default: 5).'
complete -c caprune -n '__caprune_at caprune versions' -l 'max-read-rps' -r -d 'Read calls per second at most; each list operation also stays under 190 (default: 760, under AWS\'s default quota of 800).'
complete -c caprune -n '__caprune_at caprune versions' -l 'max-write-rps' -r -d 'Write calls per second at most (default: 95, under AWS\'s default quota of 100).'
complete -c caprune -n '__caprune_at caprune versions' -l 'namespace' -r -d 'Only packages whose namespace matches (Maven groupId, npm scope without \'@\').'
complete -c caprune -n '__caprune_at caprune versions' -l 'no-color' -d 'No colours in the table (also: NO_COLOR set).'
complete -c caprune -n '__caprune_at caprune versions' -l 'origin' -r -a 'internal external unknown' -d 'Only versions of this origin: internal (published here), external (cached from an upstream), unknown.'
complete -c caprune -n '__caprune_at caprune versions' -s 'o' -l 'output' -r -a 'table json ndjson csv' -d 'Output format: table, json, ndjson, csv (default: table).'
complete -c caprune -n '__caprune_at caprune versions' -l 'package' -r -d 'Only packages that match; [namespace/]name or npm @scope/name (repeatable: any matches).'
complete -c caprune -n '__caprune_at caprune versions' -l 'profile' -r -d 'Named profile from ~/.aws/config (default: AWS_PROFILE, then \'default\').'
complete -c caprune -n '__caprune_at caprune versions' -s 'q' -l 'quiet' -d 'Only errors on stderr: no progress, no warnings.'
complete -c caprune -n '__caprune_at caprune versions' -l 'region' -r -d 'AWS Region (default: AWS_REGION, then the profile\'s region).'
complete -c caprune -n '__caprune_at caprune versions' -l 'repository' -r -d 'Repository name, or a glob matched against the domain\'s repositories (repeatable).'
complete -c caprune -n '__caprune_at caprune versions' -l 'status' -r -a 'Published Unfinished Unlisted Archived Disposed Deleted' -d 'Only versions with this status (repeatable): Published, Unfinished, Unlisted, Archived, Disposed, Deleted.'
complete -c caprune -n '__caprune_at caprune versions' -s 'v' -l 'verbose' -d 'More detail on stderr: -v progress lines, -vv debug, -vvv SDK wire debug.'
complete -c caprune -n '__caprune_at caprune versions' -l 'version' -r -d 'Only versions that match (repeatable: any matches).'

# caprune delete
complete -c caprune -n '__caprune_at caprune delete' -l 'all' -d 'Allow a delete with no filter at all (every version in the repository).'
complete -c caprune -n '__caprune_at caprune delete' -l 'concurrency' -r -d 'Packages worked on at once (default: 8).'
complete -c caprune -n '__caprune_at caprune delete' -l 'domain' -r -d 'Domain name.'
complete -c caprune -n '__caprune_at caprune delete' -l 'domain-owner' -r -d '12-digit account that owns the domain (default: your account).'
complete -c caprune -n '__caprune_at caprune delete' -s 'n' -l 'dry-run' -d 'Make no change: show what would be done.'
complete -c caprune -n '__caprune_at caprune delete' -l 'endpoint-url' -r -d 'Call this endpoint instead of AWS\'s, e.g.'
complete -c caprune -n '__caprune_at caprune delete' -l 'exclude-package' -r -d 'Never packages that match (repeatable).'
complete -c caprune -n '__caprune_at caprune delete' -l 'exclude-version' -r -d 'Never versions that match (repeatable).'
complete -c caprune -n '__caprune_at caprune delete' -l 'expected-status' -r -a 'Published Unfinished Unlisted Archived Disposed Deleted' -d 'Delete only versions that still have this status when the call is made (default: the status each version had when listed).'
complete -c caprune -n '__caprune_at caprune delete' -l 'format' -r -a 'npm pypi maven nuget generic ruby swift cargo' -d 'Only this package format: npm, pypi, maven, nuget, generic, ruby, swift, cargo.'
complete -c caprune -n '__caprune_at caprune delete' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c caprune -n '__caprune_at caprune delete' -l 'max' -r -d 'Refuse (exit 4, no change) when more than N versions are selected.'
complete -c caprune -n '__caprune_at caprune delete' -l 'max-attempts' -r -d 'Attempts per call on throttling, 5xx and lost answers (default: 5).'
complete -c caprune -n '__caprune_at caprune delete' -l 'max-read-rps' -r -d 'Read calls per second at most; each list operation also stays under 190 (default: 760, under AWS\'s default quota of 800).'
complete -c caprune -n '__caprune_at caprune delete' -l 'max-write-rps' -r -d 'Write calls per second at most (default: 95, under AWS\'s default quota of 100).'
complete -c caprune -n '__caprune_at caprune delete' -l 'namespace' -r -d 'Only packages whose namespace matches (Maven groupId, npm scope without \'@\').'
complete -c caprune -n '__caprune_at caprune delete' -l 'no-color' -d 'No colours in the table (also: NO_COLOR set).'
complete -c caprune -n '__caprune_at caprune delete' -l 'origin' -r -a 'internal external unknown' -d 'Only versions of this origin: internal (published here), external (cached from an upstream), unknown.'
complete -c caprune -n '__caprune_at caprune delete' -s 'o' -l 'output' -r -a 'table json ndjson csv' -d 'Output format: table, json, ndjson, csv (default: table).'
complete -c caprune -n '__caprune_at caprune delete' -l 'package' -r -d 'Only packages that match; [namespace/]name or npm @scope/name (repeatable: any matches).'
complete -c caprune -n '__caprune_at caprune delete' -l 'profile' -r -d 'Named profile from ~/.aws/config (default: AWS_PROFILE, then \'default\').'
complete -c caprune -n '__caprune_at caprune delete' -s 'q' -l 'quiet' -d 'Only errors on stderr: no progress, no warnings.'
complete -c caprune -n '__caprune_at caprune delete' -l 'region' -r -d 'AWS Region (default: AWS_REGION, then the profile\'s region).'
complete -c caprune -n '__caprune_at caprune delete' -l 'repository' -r -d 'Repository name, or a glob matched against the domain\'s repositories (repeatable).'
complete -c caprune -n '__caprune_at caprune delete' -l 'status' -r -a 'Published Unfinished Unlisted Archived Disposed Deleted' -d 'Only versions with this status (repeatable): Published, Unfinished, Unlisted, Archived, Disposed, Deleted.'
complete -c caprune -n '__caprune_at caprune delete' -s 'v' -l 'verbose' -d 'More detail on stderr: -v progress lines, -vv debug, -vvv SDK wire debug.'
complete -c caprune -n '__caprune_at caprune delete' -l 'version' -r -d 'Only versions that match (repeatable: any matches).'
complete -c caprune -n '__caprune_at caprune delete' -s 'y' -l 'yes' -d 'Do not ask for confirmation (required when there is no terminal to ask on).'

# caprune sandbox
complete -c caprune -n '__caprune_at caprune sandbox' -l 'access-key' -r -d 'Verify SigV4 signatures: the access key id clients must use (with --secret-key).'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'bind' -r -d 'Address to listen on (default 127.0.0.1).'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'data' -r -d 'Seed data file (JSON); repeat to merge several.'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'demo' -d 'Load the built-in demo data (domain acme).'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'fail-rate' -r -d 'Fraction of calls answered 500 InternalServerException (0..1).'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'generate' -r -d 'Generate P packages x V versions (mixed formats) in caprune/generated, e.g.'
complete -c caprune -n '__caprune_at caprune sandbox' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'latency-ms' -r -d 'Delay added to every API call.'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'lost-reply-rate' -r -d 'Fraction of calls that take effect but get no answer: the connection is closed (0..1).'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'port' -r -d 'Port to listen on (default 0: any free port).'
complete -c caprune -n '__caprune_at caprune sandbox' -s 'q' -l 'quiet' -d 'Only errors on stderr: no progress, no warnings.'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'quotas' -r -d 'aws: enforce CodeArtifact\'s default rate quotas; none (default).'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'random-seed' -r -d 'Seed for fault draws and generated data (default 42).'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'secret-key' -r -d 'The secret key signatures are checked against (with --access-key).'
complete -c caprune -n '__caprune_at caprune sandbox' -l 'throttle-rate' -r -d 'Fraction of calls answered 429 ThrottlingException (0..1).'
complete -c caprune -n '__caprune_at caprune sandbox' -s 'v' -l 'verbose' -d 'More detail on stderr: -v progress lines, -vv debug, -vvv SDK wire debug.'
complete -c caprune -n '__caprune_at caprune sandbox' -s 'V' -l 'version' -d 'Print version information and exit.'

# caprune completion
complete -c caprune -n '__caprune_at caprune completion' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c caprune -n '__caprune_at caprune completion' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c caprune -n '__caprune_at caprune completion' -a 'bash zsh fish' -d 'The shell: bash, zsh, fish.'
