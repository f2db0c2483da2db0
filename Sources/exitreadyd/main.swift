// placeholder until the daemon entry point lands
print("exitreadyd")
