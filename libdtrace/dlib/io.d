/*
 * io.d: the io provider's stable types (bufinfo_t, devinfo_t, fileinfo_t): bufinfo_t and
 * devinfo_t translated from the Linux block layer's struct request read through BTF,
 * fileinfo_t from struct file (the io probes' and fds[]'s).
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

/*
 * The device a request is for: its partition's, or for a request without one (a cache
 * flush) the whole disk's.
 */
inline dev_t __dt_rq_dev[struct request *R] =
    R->part != NULL ? R->part->bd_dev : R->q->disk->part0->bd_dev;

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
	b_edev = __dt_rq_dev[R];
};

/* dev_t is MAJOR << 20 | MINOR inside the kernel. */
translator devinfo_t < struct request *R > {
	dev_major = __dt_rq_dev[R] >> 20;
	dev_minor = __dt_rq_dev[R] & 0xfffff;
	dev_instance = __dt_rq_dev[R] & 0xfffff;
	dev_name = stringof(R->q->disk->disk_name);
	dev_statname = stringof(R->q->disk->disk_name);
	dev_pathname = "<unknown>";
};

/* open(2) flags (fi_oflags), as Linux defines them on x86_64. */
inline int O_ACCMODE = 0x3;
inline int O_RDONLY = 0x0;
inline int O_WRONLY = 0x1;
inline int O_RDWR = 0x2;
inline int O_CREAT = 0x40;
inline int O_EXCL = 0x80;
inline int O_NOCTTY = 0x100;
inline int O_TRUNC = 0x200;
inline int O_APPEND = 0x400;
inline int O_NONBLOCK = 0x800;
inline int O_NDELAY = 0x800;
inline int O_DSYNC = 0x1000;
inline int O_ASYNC = 0x2000;
inline int O_LARGEFILE = 0x8000;
inline int O_DIRECTORY = 0x10000;
inline int O_NOFOLLOW = 0x20000;
inline int O_CLOEXEC = 0x80000;
inline int O_SYNC = 0x101000;
inline int O_FSYNC = 0x101000;
inline int O_RSYNC = 0x101000;

/*
 * A file as an open file description. Block requests carry no file, so the io probes
 * translate a NULL one: every member says "<none>" (or 0), as DTrace on Linux does. fi_mount
 * is not known ("<unknown>"); fi_oflags are Linux's open(2) flags.
 */
inline string __dt_file_fs[struct file *F] = stringof(F->f_path.mnt->mnt_sb->s_type->name);

/*
 * Files of the kernel's internal file systems have no path: the kernel names them as its
 * d_path() does (the dentry operation d_dname), "pipe:[inode]", "socket:[inode]" and
 * "anon_inode:name".
 */
inline string __dt_file_path[struct file *F] =
    __dt_file_fs[F] == "pipefs" ?
	strjoin("pipe:[", strjoin(lltostr(F->f_inode->i_ino), "]")) :
    __dt_file_fs[F] == "sockfs" ?
	strjoin("socket:[", strjoin(lltostr(F->f_inode->i_ino), "]")) :
    __dt_file_fs[F] == "anon_inodefs" ?
	strjoin("anon_inode:", stringof(F->f_path.dentry->d_name.name)) :
    d_path(&F->f_path);

translator fileinfo_t < struct file *F > {
	fi_name = F == NULL ? "<none>" : stringof(F->f_path.dentry->d_name.name);
	fi_dirname = F == NULL ? "<none>" : dirname(__dt_file_path[F]);
	fi_pathname = F == NULL ? "<none>" : __dt_file_path[F];
	fi_offset = F == NULL ? 0 : F->f_pos;
	fi_fs = F == NULL ? "<none>" : __dt_file_fs[F];
	fi_mount = F == NULL ? "<none>" : "<unknown>";
	fi_oflags = F == NULL ? 0 : F->f_flags;
};

/* fds[fd]: the current process's file descriptor fd, NULL (all "<none>") when not open. */
inline fileinfo_t fds[int fd] = xlate <fileinfo_t> (
    fd >= 0 && fd < curthread->files->fdt->max_fds ?
    curthread->files->fdt->fd[fd] : (struct file *)NULL);
