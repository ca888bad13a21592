DTr
|  x|y  |

