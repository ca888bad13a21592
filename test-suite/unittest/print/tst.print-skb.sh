#!/bin/bash
# print() of a kernel struct (struct sk_buff, from BTF): members with the kernel's type names,
# zero members left out, and the anonymous union of struct_group(headers, ...) shown as
# `(struct)` holding the unnamed struct and the named `headers` (Oracle's tst.print.skb.d/.r).
$dtrace -qn '
BEGIN
{
	skb = (struct sk_buff *)alloca(sizeof (struct sk_buff));
	skb->len = 123;
	skb->network_header = 32;
	skb->data = (unsigned char *)0xfeedfacefeedface;
	print(skb);
	exit(0);
}' | sed 's/0x[0-9a-f]*/{ptr}/g'
