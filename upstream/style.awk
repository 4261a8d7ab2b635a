# SPDX-License-Identifier: GPL-2.0-or-later
#
# The style ppp's tree keeps, checked on every line a patch adds:
#   every file: no trailing blanks, a final newline (.editorconfig);
#   C: indentation by tabs, never 8 spaces nor a space before a tab
#      (.editorconfig: indent_style tab, tab_width 8); at most 100 columns
#      with tabs at 8 (no written limit there: 98.7% of pppd's and its
#      plugins' C lines fit 80 columns and 99.75% fit 100);
#      messages through pppd's log calls (error, warn, notice, info,
#      dbglog, fatal, ppp_option_error), never printf, syslog, perror or
#      2.4's option_error.
# Prints "FAIL: style: PATCH: FILE:LINE: RULE" for each violation and exits
# 1 if there was one.
FNR == 1 { file = ""; patch = FILENAME; sub(/.*\//, "", patch) }
/^\+\+\+ / { file = substr($0, 7); line = 0; next }
/^@@ / {
	s = $3; sub(/^\+/, "", s); sub(/,.*/, "", s)
	line = s - 1; next
}
file == "" { next }
/^\\ No newline at end of file/ {
	if (last == "+") bad("no newline at the end of the file")
	next
}
/^-/ { last = "-"; next }
/^ / { line++; last = " "; next }
/^\+/ {
	line++; last = "+"
	t = substr($0, 2)
	if (t ~ /[ \t]$/)
		bad("trailing blank")
	if (file !~ /\.[ch]$/)
		next
	if (t ~ /^\t*        /)
		bad("8 spaces of indentation where a tab belongs")
	if (t ~ /^\t* +\t/)
		bad("a space before a tab in the indentation")
	if (width(t) > 100)
		bad("longer than 100 columns (" width(t) ")")
	if (t ~ /(^|[^A-Za-z0-9_])(printf|fprintf|vprintf|vfprintf|syslog|vsyslog|perror|puts)[ \t]*\(/)
		bad("output bypassing pppd's log calls")
	if (t ~ /(^|[^A-Za-z0-9_])(option_error|compat_option_error)[ \t]*\(/)
		bad("not pppd 2.5's ppp_option_error")
	next
}
function width(s,    i, c, w) {
	w = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\t")
			w = w + 8 - w % 8
		else
			w++
	}
	return w
}
function bad(rule) {
	printf "FAIL: style: %s: %s:%d: %s\n", patch, file, line, rule
	failed = 1
}
END { exit failed }
