/*
 * io.d: the io provider's stable types (bufinfo_t, devinfo_t, fileinfo_t), translated from
 * the Linux block layer's struct request read through BTF.
 *
 * Block requests carry no file: fileinfo_t members say "<none>" and "<unknown>", as DTrace
 * does for I/O it cannot tie to a file.
 */

inline int B_BUSY = 0x0001;
inline int B_DONE = 0x0002;
inline int B_ERROR = 0x0004;
inline int B_PAGEIO = 0x0010;
inline int B_PHYS = 0x0020;
inline int B_READ = 0x0040;
inline int B_WRITE = 0x0100;
inline int B_ASYNC = 0x0400;

typedef struct bufinfo {
	int	b_flags;
	size_t	b_bcount;
	uintptr_t b_addr;
	uint64_t b_blkno;
	uint64_t b_lblkno;
	size_t	b_resid;
	size_t	b_bufsize;
	uintptr_t b_iodone;
	int	b_error;
	dev_t	b_edev;
} bufinfo_t;

typedef struct devinfo {
	int	dev_major;
	int	dev_minor;
	int	dev_instance;
	string	dev_name;
	string	dev_statname;
	string	dev_pathname;
} devinfo_t;

typedef struct fileinfo {
	string	fi_name;
	string	fi_dirname;
	string	fi_pathname;
	uint64_t fi_offset;
	string	fi_fs;
	string	fi_mount;
	int	fi_oflags;
} fileinfo_t;

/* REQ_OP_WRITE is 1 in the low byte of cmd_flags; reads are 0. */
translator bufinfo_t < struct request *R > {
	b_flags = (R->cmd_flags & 0xff) == 1 ? B_WRITE : B_READ;
	b_bcount = R->__data_len;
	b_addr = (uintptr_t)R->bio;
	b_blkno = R->__sector;
	b_lblkno = R->__sector;
	b_resid = 0;
	b_bufsize = R->__data_len;
	b_iodone = 0;
	b_error = 0;
	b_edev = R->part->bd_dev;
};

/* dev_t is MAJOR << 20 | MINOR inside the kernel. */
translator devinfo_t < struct request *R > {
	dev_major = R->part->bd_dev >> 20;
	dev_minor = R->part->bd_dev & 0xfffff;
	dev_instance = R->part->bd_dev & 0xfffff;
	dev_name = stringof(R->q->disk->disk_name);
	dev_statname = stringof(R->q->disk->disk_name);
	dev_pathname = "<unknown>";
};

translator fileinfo_t < struct request *R > {
	fi_name = "<none>";
	fi_dirname = "<none>";
	fi_pathname = "<none>";
	fi_offset = 0;
	fi_fs = "<unknown>";
	fi_mount = "<unknown>";
	fi_oflags = 0;
};
