package pskc

// The XML shapes of RFC 6030. Every tag names a local name only, so that elements match in any
// namespace: vendors bind the PSKC, XML Encryption and PKCS #5 namespaces to every prefix there
// is, or to none, and a few use the namespaces of earlier drafts.

type container struct {
	EncryptionKey *encryptionKey `xml:"EncryptionKey"`
	MACMethod     *macMethod     `xml:"MACMethod"`
	Packages      []keyPackage   `xml:"KeyPackage"`
}

// encryptionKey says how the secrets are protected: a pre-shared key by name (ds:KeyName), a
// key derived from a password (xenc11:DerivedKey), or a public key (ds:X509Data).
type encryptionKey struct {
	KeyName    string      `xml:"KeyName"`
	DerivedKey *derivedKey `xml:"DerivedKey"`
	X509Data   *struct{}   `xml:"X509Data"`
}

type derivedKey struct {
	Method struct {
		Algorithm string        `xml:"Algorithm,attr"`
		PBKDF2    *pbkdf2Params `xml:"PBKDF2-params"`
	} `xml:"KeyDerivationMethod"`
	MasterKeyName string `xml:"MasterKeyName"`
}

type pbkdf2Params struct {
	Salt           string     `xml:"Salt>Specified"`
	IterationCount string     `xml:"IterationCount"`
	KeyLength      string     `xml:"KeyLength"`
	PRF            *algorithm `xml:"PRF"`
}

type macMethod struct {
	Algorithm string         `xml:"Algorithm,attr"`
	MACKey    *encryptedData `xml:"MACKey"`
}

type algorithm struct {
	Algorithm string `xml:"Algorithm,attr"`
}

// encryptedData is an XML Encryption EncryptedData: the method and the base64 cipher value,
// which for CBC modes starts with the IV.
type encryptedData struct {
	Method      *algorithm `xml:"EncryptionMethod"`
	CipherValue string     `xml:"CipherData>CipherValue"`
}

type keyPackage struct {
	SerialNo string `xml:"DeviceInfo>SerialNo"`
	Key      *key   `xml:"Key"`
}

type key struct {
	ID        string          `xml:"Id,attr"`
	Algorithm string          `xml:"Algorithm,attr"`
	Suite     string          `xml:"AlgorithmParameters>Suite"`
	Response  *responseFormat `xml:"AlgorithmParameters>ResponseFormat"`
	Data      keyData         `xml:"Data"`
}

type responseFormat struct {
	Length     string `xml:"Length,attr"`
	Encoding   string `xml:"Encoding,attr"`
	CheckDigit string `xml:"CheckDigit,attr"`
}

type keyData struct {
	Secret       *dataValue `xml:"Secret"`
	Counter      *dataValue `xml:"Counter"`
	Time         *dataValue `xml:"Time"`
	TimeInterval *dataValue `xml:"TimeInterval"`
}

// dataValue is one element of a key's Data: a plain value, or an encrypted one with its MAC.
type dataValue struct {
	Plain     *string        `xml:"PlainValue"`
	Encrypted *encryptedData `xml:"EncryptedValue"`
	ValueMAC  string         `xml:"ValueMAC"`
}
