status 0
matched every tracepoint
done in time
