#!/usr/sbin/dtrace -s
/*
 * tcpconnect.d: TCP connections as they are established, both ways: the process that
 * connected (active) or the listener's side (passive), with addresses and ports.
 *
 *   dtrace -s tcpconnect.d
 *
 *   DIR LADDR LPORT RADDR RPORT
 */
#pragma D option quiet
#pragma D option switchrate=10hz

BEGIN
{
	printf("%-7s %-15s %5s %-15s %5s\n", "DIR", "LADDR", "LPORT", "RADDR", "RPORT");
}

tcp:::connect-established
{
	printf("%-7s %-15s %5d %-15s %5d\n", "active", args[3]->tcps_laddr,
	    args[3]->tcps_lport, args[3]->tcps_raddr, args[3]->tcps_rport);
}

tcp:::accept-established
{
	printf("%-7s %-15s %5d %-15s %5d\n", "passive", args[3]->tcps_laddr,
	    args[3]->tcps_lport, args[3]->tcps_raddr, args[3]->tcps_rport);
}
