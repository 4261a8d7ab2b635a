# Capture the kernel's netlink answers to the session watch for the fuzzing
# corpus (make corpus), printed as "REPLY: NAME HEX": the family lookup, a
# live session, a session and a tunnel that do not exist.
#
# Work: one session up and four netlink questions, seconds here; 4x for the
# slowest machine of the kind and a wide margin.
# time limit: 300 s
. /payload/lib.sh
NAME=capture

netns_setup
start_pair "pppol2tp_lns_mode 198.51.100.1:198.51.100.2" "noipdefault"
wait_until 40 has_ppp_addr lns || echo "capture: the watch's session did not come up"
{
	in_lns nlcap 10 11 | sed 's/^REPLY: session/REPLY: alive/'
	in_lns nlcap 10 99 | sed -n 's/^REPLY: session/REPLY: nosession/p'
	in_lns nlcap 77 11 | sed -n 's/^REPLY: session/REPLY: notunnel/p'
} >"$T/replies"
cat "$T/replies"
for name in lookup alive nosession notunnel; do
	check "the kernel's '$name' answer captured" grep -q "^REPLY: $name " "$T/replies"
done
cleanup_all
