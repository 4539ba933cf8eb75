package provider

// TypeName is the provider's type name: every resource and data source is prefixed with it.
const TypeName = "pingone"

// Namespace is the registry namespace the provider is published under.
const Namespace = "oathtokens"

// RegistryAddress is where users find the provider; main serves under it and the docs name it.
const RegistryAddress = "registry.terraform.io/" + Namespace + "/" + TypeName
