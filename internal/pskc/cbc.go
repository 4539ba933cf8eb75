package pskc

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
)

// decryptCBC decrypts an XML Encryption AES-CBC cipher value: the IV, then the ciphertext. XML
// Encryption pads with ISO 10126 (the last byte is the pad length, the other pad bytes are
// arbitrary), so only the last byte is checked.
func decryptCBC(block cipher.Block, value []byte) ([]byte, error) {
	if len(value) < 2*aes.BlockSize || len(value)%aes.BlockSize != 0 {
		return nil, errors.New("the cipher value is not an IV followed by whole AES blocks")
	}
	iv, ciphertext := value[:aes.BlockSize], value[aes.BlockSize:]
	plain := make([]byte, len(ciphertext))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, ciphertext)
	pad := int(plain[len(plain)-1])
	if pad < 1 || pad > aes.BlockSize {
		return nil, errors.New("the decrypted value has no valid padding")
	}
	return plain[:len(plain)-pad], nil
}
