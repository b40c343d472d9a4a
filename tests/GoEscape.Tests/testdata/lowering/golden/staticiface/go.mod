module staticiface

go 1.27
