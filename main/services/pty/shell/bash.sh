# Specwright shell integration for bash. Loads the user's own startup files, then marks
# prompts and commands with OSC 633 sequences (invisible on screen):
#   A prompt start, B prompt end, E;<command line>, C output starts, D;<exit code>, P;Cwd=<dir>
if [ -z "$__SW_SI_LOADED" ]; then
__SW_SI_LOADED=1
if [ -n "$SPECWRIGHT_LOGIN_SHELL" ]; then
  [ -r /etc/profile ] && . /etc/profile
  for __sw_f in ~/.bash_profile ~/.bash_login ~/.profile; do
    if [ -r "$__sw_f" ]; then . "$__sw_f"; break; fi
  done
  unset __sw_f
else
  [ -r /etc/bash.bashrc ] && . /etc/bash.bashrc
  [ -r ~/.bashrc ] && . ~/.bashrc
fi
unset SPECWRIGHT_LOGIN_SHELL

__sw_esc() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//;/\\x3b}"
  s="${s//$'\n'/\\x0a}"
  s="${s//$'\a'/}"
  s="${s//$'\e'/}"
  builtin printf '%s' "$s"
}

# boot → prompt → running → prompt-command → prompt …
__sw_state=boot
__sw_prompt_start() {
  local ec=$?
  if [ "$__sw_state" = running ]; then builtin printf '\e]633;D;%s\a' "$ec"; fi
  __sw_state=prompt-command
  return $ec
}
__sw_prompt_end() {
  builtin printf '\e]633;P;Cwd=%s\a' "$(__sw_esc "$PWD")"
  __sw_state=prompt
}
__sw_preexec() {
  [ "$__sw_state" = prompt ] || return 0
  case "$BASH_COMMAND" in __sw_*) return 0 ;; esac
  __sw_state=running
  local line
  line=$(HISTTIMEFORMAT='' builtin history 1)
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line#*[0-9] }"
  line="${line#"${line%%[![:space:]]*}"}"
  [ -n "$line" ] || line="$BASH_COMMAND"
  builtin printf '\e]633;E;%s\a\e]633;C\a' "$(__sw_esc "$line")"
}
if [[ "$PS1" != *'633;A'* ]]; then PS1='\[\e]633;A\a\]'"$PS1"'\[\e]633;B\a\]'; fi
# Wrap the user's PROMPT_COMMAND (a string, or an array since bash 5.1) without breaking it.
if [[ "$(declare -p PROMPT_COMMAND 2>/dev/null)" == "declare -a"* ]]; then
  PROMPT_COMMAND=(__sw_prompt_start "${PROMPT_COMMAND[@]}" __sw_prompt_end)
else
  __sw_pc="$PROMPT_COMMAND"
  while [[ "$__sw_pc" == *[\;[:space:]] ]]; do __sw_pc="${__sw_pc%?}"; done
  PROMPT_COMMAND="__sw_prompt_start${__sw_pc:+; $__sw_pc}; __sw_prompt_end"
  unset __sw_pc
fi
trap '__sw_preexec' DEBUG
fi
