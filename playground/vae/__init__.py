"""Variational autoencoder (syllabus section 4): latent sliders, the ELBO taken apart,
the latent map of a 2-d model, and how the KL weight beta trades reconstruction for
a smoother latent space."""
