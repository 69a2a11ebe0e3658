"""Generation engines: turn a prompt or an image into a textured mesh."""
