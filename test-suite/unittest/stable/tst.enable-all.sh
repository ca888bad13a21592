#!/bin/bash
# Every probe of the stable providers can be enabled at once, and every member of every
# translated argument of the network probes can be read in one clause per provider (the
# send, receive and refused probes translate from different sources; a clause on several of
# them reads the one of the probe that fired) while the trigger sends packets, without a
# compile, load or run-time error. An aggregation drop is no error: a probe in an interrupt
# (a wakeup, a packet, the tick) that adds its first key to the aggregation while the thread
# it interrupted is adding one to the same map on that CPU finds the map's bucket locked, and
# dtrace reports the lost update; those reports are left out.
# @@trigger: net-packets
# @@timeout: 60
err=$($dtrace -q -o /dev/null -c "$trigger" -n '
proc:::, sched:::, io:::, ip:::, udp:::, tcp:::
{
	@[probeprov, probename] = count();
}

ip:::send, ip:::receive
{
	printf("%x %x %d %d %s %s %s %d %d %x\n", args[0]->pkt_addr, args[1]->cs_addr,
	    args[2]->ip_ver, args[2]->ip_plength, args[2]->ip_saddr, args[2]->ip_daddr,
	    args[3]->if_name, args[3]->if_local, args[3]->if_ipstack, args[3]->if_addr);
	printf("%d %d %d %d %d %d %d %d %d %s %d %d %d %s %s %p\n", args[4]->ipv4_ver,
	    args[4]->ipv4_ihl, args[4]->ipv4_tos, args[4]->ipv4_length, args[4]->ipv4_ident,
	    args[4]->ipv4_flags, args[4]->ipv4_offset, args[4]->ipv4_ttl, args[4]->ipv4_protocol,
	    args[4]->ipv4_protostr, args[4]->ipv4_checksum, args[4]->ipv4_src, args[4]->ipv4_dst,
	    args[4]->ipv4_saddr, args[4]->ipv4_daddr, args[4]->ipv4_hdr);
	printf("%d %d %d %d %d %s %d %p %p %s %s %p\n", args[5]->ipv6_ver, args[5]->ipv6_tclass,
	    args[5]->ipv6_flow, args[5]->ipv6_plen, args[5]->ipv6_nexthdr, args[5]->ipv6_nextstr,
	    args[5]->ipv6_hlim, args[5]->ipv6_src, args[5]->ipv6_dst, args[5]->ipv6_saddr,
	    args[5]->ipv6_daddr, args[5]->ipv6_hdr);
}

udp:::send, udp:::receive
{
	printf("%x %d %d %s %s %d %d %d %d %p\n", args[3]->udps_addr, args[3]->udps_lport,
	    args[3]->udps_rport, args[3]->udps_laddr, args[3]->udps_raddr, args[4]->udp_sport,
	    args[4]->udp_dport, args[4]->udp_length, args[4]->udp_checksum, args[4]->udp_hdr);
}

tcp:::send, tcp:::receive, tcp:::accept-refused, tcp:::connect-refused
{
	printf("%x %x %d %s %s %d %d %d %d %d %d %x\n", args[0]->pkt_addr, args[1]->cs_addr,
	    args[2]->ip_plength, args[2]->ip_saddr, args[2]->ip_daddr, args[4]->tcp_sport,
	    args[4]->tcp_dport, args[4]->tcp_seq, args[4]->tcp_ack, args[4]->tcp_offset,
	    args[4]->tcp_flags, args[4]->tcp_hdr);
	printf("%d %d %d %d %x %d %d\n", args[4]->tcp_window, args[4]->tcp_checksum,
	    args[4]->tcp_urgent, args[3]->tcps_local, args[3]->tcps_addr, args[3]->tcps_lport,
	    args[3]->tcps_rport);
	printf("%s %s %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d\n",
	    args[3]->tcps_laddr, args[3]->tcps_raddr, args[3]->tcps_state, args[3]->tcps_iss,
	    args[3]->tcps_suna, args[3]->tcps_snxt, args[3]->tcps_rnxt, args[3]->tcps_swnd,
	    args[3]->tcps_snd_ws, args[3]->tcps_rwnd, args[3]->tcps_rcv_ws, args[3]->tcps_cwnd,
	    args[3]->tcps_cwnd_ssthresh, args[3]->tcps_sack_snxt, args[3]->tcps_rto,
	    args[3]->tcps_mss, args[3]->tcps_retransmit, args[3]->tcps_rtt, args[3]->tcps_rtt_sd,
	    args[3]->tcps_irs);
}' 2>&1 > /dev/null)
status=$?
printf '%s' "$err" | grep -v ' aggregation drops\? on CPU [0-9]*$' >&2
echo "status $status"
