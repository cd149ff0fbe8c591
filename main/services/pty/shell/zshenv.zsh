# Specwright: load the user's .zshenv from their own ZDOTDIR, then come back to ours so
# that our .zshrc runs.
__sw_our_zd="$ZDOTDIR"
ZDOTDIR="${SPECWRIGHT_USER_ZDOTDIR:-$HOME}"
[[ -r "$ZDOTDIR/.zshenv" ]] && . "$ZDOTDIR/.zshenv"
[[ -o login && -r "$ZDOTDIR/.zprofile" ]] && . "$ZDOTDIR/.zprofile"
ZDOTDIR="$__sw_our_zd"
