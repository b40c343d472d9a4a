module litwrappers

go 1.27
