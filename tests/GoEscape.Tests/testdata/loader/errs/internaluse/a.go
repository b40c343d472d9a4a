package internaluse; import _ "internal/abi"
