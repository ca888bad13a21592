#!/bin/bash
# print() of a kernel struct (struct sk_buff, from BTF): members with the kernel's type names,
# zero members left out (after Oracle's tst.print.skb.r, without its anonymous union).
$dtrace -qn '
BEGIN
{
	skb = (struct sk_buff *)alloca(sizeof (struct sk_buff));
	skb->len = 123;
	skb->data = (unsigned char *)0xfeedfacefeedface;
	print(skb);
	exit(0);
}' | sed 's/0x[0-9a-f]*/{ptr}/g'
