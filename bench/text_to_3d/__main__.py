from bench.text_to_3d.run import main

main()
