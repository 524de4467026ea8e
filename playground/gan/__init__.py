"""GAN training (syllabus section 5): a 2-D GAN that trains live in each session, and
DCGANs on digits that show mode collapse on images."""
