/*
 * A kernel enum member (struct socket's state, of type socket_state) compared with kernel
 * enumerator names, which are no D identifiers: right of an operand of that enum type they
 * stand for their values.
 *
 * The trigger listens on one TCP socket, connects a second one to it, accepts the third,
 * then closes the connected client, the accepted socket and the listener, in that order.
 * A listening socket stays SS_UNCONNECTED; a connected or accepted one is SS_CONNECTED.
 */
/* @@trigger: tcp-loopback */
#pragma D option quiet

syscall::listen:entry
/pid == $target/
{
	self->so = (struct socket *)curthread->files->fdt->fd[arg0]->private_data;
	printf("listen: %d %d %d\n", self->so->state == SS_UNCONNECTED,
	    self->so->state < SS_CONNECTING, self->so->state != SS_FREE);
	/* A variable first assigned an enum value takes the enum type. */
	self->state = self->so->state;
	this->state = self->so->state;
	printf("listen: %d %d\n", self->state == SS_UNCONNECTED, this->state > SS_UNCONNECTED);
	self->traced = 1;
}

syscall::connect:entry
/pid == $target && self->traced/
{
	self->fd = arg0;
}

syscall::connect:return
/self->fd && ((struct socket *)curthread->files->fdt->fd[self->fd]->private_data)->state == SS_CONNECTED/
{
	printf("connect: connected\n");
}

syscall::close:entry
/self->traced &&
    ((struct socket *)curthread->files->fdt->fd[arg0]->private_data)->state == SS_CONNECTED/
{
	printf("close: connected\n");
}

syscall::close:entry
/self->traced &&
    ((struct socket *)curthread->files->fdt->fd[arg0]->private_data)->state == SS_UNCONNECTED/
{
	printf("close: unconnected\n");
}

syscall::close:entry
/self->traced &&
    ((struct socket *)curthread->files->fdt->fd[arg0]->private_data)->state >= SS_DISCONNECTING/
{
	printf("close: disconnecting\n");
}
