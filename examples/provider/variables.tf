variable "client_id" {
  description = "The worker application's client ID."
  type        = string
}

variable "client_secret" {
  description = "The worker application's client secret."
  type        = string
  sensitive   = true
}

variable "admin_environment_id" {
  description = "The environment the worker application lives in."
  type        = string
}
