module goescape.example/seeds

go 1.27
