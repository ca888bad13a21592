  vmlinux                                           |

