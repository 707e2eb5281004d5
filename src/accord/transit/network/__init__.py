"""The network: transit nodes (places) and legs, and the visibility rules every transit read
shares."""
