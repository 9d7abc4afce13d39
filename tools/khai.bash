# bash completion for khai: commands, kinds, options and field options. The candidates come
# from khai itself (`khai complete WORD...`), so they are always those of the khai installed.
# make install puts this file in share/bash-completion/completions/khai.
_khai() {
    local IFS=$'\n'
    COMPREPLY=($(command "${COMP_WORDS[0]}" complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
    # Nothing from khai (a file name is expected): the shell completes file names.
    if [ ${#COMPREPLY[@]} -eq 0 ]; then
        compopt -o default 2>/dev/null
    fi
}
complete -F _khai khai
