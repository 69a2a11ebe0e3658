from bench.image_to_3d.run import main

main()
