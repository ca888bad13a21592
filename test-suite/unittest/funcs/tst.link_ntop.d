/*
 * link_ntop(): Ethernet (6 bytes) and InfiniBand (20 bytes) hardware addresses as
 * colon-separated pairs of lowercase hex digits, leading zeros kept.
 */
#pragma D option quiet

uint8_t ib[20];

BEGIN
{
	this->eth = (uint64_t *)alloca(sizeof(uint64_t));
	*this->eth = htonll(0x000102030405 << 16);
	printf("%s\n", link_ntop(ARPHRD_ETHER, this->eth));
	*this->eth = htonll(0xffffffffffff << 16);
	printf("%s\n", link_ntop(ARPHRD_ETHER, this->eth));
	*this->eth = htonll(0x020820ac040e << 16);
	printf("%s\n", link_ntop(ARPHRD_ETHER, this->eth));

	ib[0] = 0x80;
	ib[1] = 0x0a;
	ib[18] = 0xbe;
	ib[19] = 0xef;
	printf("%s\n", link_ntop(ARPHRD_INFINIBAND, &ib[0]));
	exit(0);
}
