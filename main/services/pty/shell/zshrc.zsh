# Specwright shell integration for zsh (.zshrc in Specwright's ZDOTDIR). The user's own
# .zshrc is loaded first from their ZDOTDIR, then prompts and commands are marked with
# OSC 633 sequences, as in bash.sh.
__sw_our_zd="$ZDOTDIR"
ZDOTDIR="${SPECWRIGHT_USER_ZDOTDIR:-$HOME}"
[[ -r "$ZDOTDIR/.zshrc" ]] && . "$ZDOTDIR/.zshrc"
__sw_running=0
__sw_precmd() {
  local ec=$?
  if [[ "$__sw_running" = 1 ]]; then builtin printf '\e]633;D;%s\a' "$ec"; fi
  __sw_running=0
  builtin printf '\e]633;P;Cwd=%s\a' "${PWD//;/\\x3b}"
}
__sw_preexec() {
  __sw_running=1
  local cmd="$1"
  cmd="${cmd//\\/\\\\}"; cmd="${cmd//;/\\x3b}"; cmd="${cmd//$'\n'/\\x0a}"
  builtin printf '\e]633;E;%s\a\e]633;C\a' "$cmd"
}
precmd_functions=(__sw_precmd $precmd_functions)
preexec_functions+=(__sw_preexec)
if [[ "$PS1" != *'633;A'* ]]; then PS1=$'%{\e]633;A\a%}'"$PS1"$'%{\e]633;B\a%}'; fi
