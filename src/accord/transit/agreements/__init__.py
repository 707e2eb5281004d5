"""What may pass where and when: transit agreements (permits, prohibitions, caps), their
conflicts, and closures of places, legs and borders."""
