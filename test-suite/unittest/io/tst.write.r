start write 1 sectors 1 dev 1 file <none>
done write

